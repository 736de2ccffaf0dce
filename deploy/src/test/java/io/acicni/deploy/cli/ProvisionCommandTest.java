package io.acicni.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.netconfig.conformance.FixtureOutputs;
import io.acicni.netconfig.conformance.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aci-dualstack provision} end to end against every acc-provision fixture. */
class ProvisionCommandTest {
    @TempDir
    Path dir;

    private CliRun provision(String fixture, String... extra) {
        List<String> args = new ArrayList<>(List.of("provision", "-c", Fixtures.input(fixture).toString(),
                "-f", "kubernetes-1.35", "-o", dir.resolve("out.yaml").toString(),
                "--apic-json", dir.resolve("apic.json").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @TestFactory
    List<DynamicTest> everyFixture() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Fixtures.inputNames()) {
            if (Fixtures.expected(name, ".kube.yaml").isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + " is provisioned", () -> validFixture(name)));
            } else {
                tests.add(DynamicTest.dynamicTest(name + " is rejected", () -> invalidFixture(name)));
            }
        }
        return tests;
    }

    private void validFixture(String name) throws IOException {
        CliRun run = provision(name);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).isEmpty();
        JsonNode expected = FixtureOutputs.aciContainersConfigData(
                Fixtures.read(Fixtures.expected(name, ".kube.yaml").orElseThrow()));
        JsonNode actual = FixtureOutputs.aciContainersConfigData(Files.readString(dir.resolve("out.yaml")));
        JsonNode expectedController = FixtureOutputs.json(expected.path("controller-config").asText());
        JsonNode actualController = FixtureOutputs.json(actual.path("controller-config").asText());
        for (String key : FixtureOutputs.CONTROLLER_SUBNET_KEYS) {
            assertThat(actualController.get(key)).as(key).isEqualTo(expectedController.get(key));
        }
        JsonNode expectedHost = FixtureOutputs.json(expected.path("host-agent-config").asText());
        JsonNode actualHost = FixtureOutputs.json(actual.path("host-agent-config").asText());
        for (String key : FixtureOutputs.HOST_AGENT_SUBNET_KEYS) {
            assertThat(actualHost.get(key)).as(key).isEqualTo(expectedHost.get(key));
        }
        var expectedApic = FixtureOutputs.apicRequests(Fixtures.read(Fixtures.expected(name, ".apic.txt").orElseThrow()));
        var actualApic = FixtureOutputs.apicRequests(Files.readString(dir.resolve("apic.json")));
        assertThat(FixtureOutputs.subnets(actualApic)).containsExactlyElementsOf(FixtureOutputs.subnets(expectedApic));
        assertThat(FixtureOutputs.ndPolicies(actualApic)).isEqualTo(FixtureOutputs.ndPolicies(expectedApic));
    }

    private void invalidFixture(String name) throws IOException {
        CliRun run = provision(name);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactlyElementsOf(Fixtures.expectedErrLines(name));
        String expected = Fixtures.read(Fixtures.expected(name, ".stdout.txt").orElseThrow())
                .replace("\"" + name + ".inp.yaml\"", "\"" + Fixtures.input(name) + "\"");
        assertThat(run.errorOutputLines()).containsExactlyElementsOf(expected.lines().toList());
    }

    @Test
    void writesNothingWhenRejected() throws IOException {
        CliRun run = provision("dualstack_invalid", "--kubeadm", dir.resolve("kubeadm.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void secretsAreWrittenToTheFileButNeverPrinted() throws IOException {
        String password = "noir0123";
        CliRun run = provision("dualstack_base", "--debug");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(password);
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("password: " + password);
    }

    @Test
    void manifestsOnStdoutCarryNoSecretData() {
        CliRun run = CliRun.of("provision", "-c", Fixtures.input("dualstack_base").toString(), "-f", "kubernetes-1.35");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("kind: ConfigMap").contains("name: aci-dualstack-apic-credentials")
                .doesNotContain("noir0123").doesNotContain("stringData");
        assertThat(run.err()).doesNotContain("noir0123")
                .contains("WARN: Secret aci-dualstack-apic-credentials is written without data to stdout");
    }

    @Test
    void readsStdinWithDash() throws IOException {
        var in = System.in;
        try {
            System.setIn(Files.newInputStream(Fixtures.input("base_case_ipv6")));
            CliRun run = CliRun.of("provision", "-c", "-", "-f", "kubernetes-1.35", "-o", dir.resolve("o.yaml").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).startsWith("INFO: Loading configuration from \"STDIN\"");
            assertThat(Files.readString(dir.resolve("o.yaml"))).contains("1:2:1:1::/64");
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void flavorIsRequiredAndChecked() {
        CliRun none = CliRun.of("provision", "-c", Fixtures.input("dualstack_base").toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errLines()).containsExactly("ERR:  Flavor not provided. Use -f to pass a flavor name, "
                + "--list-flavors to see a list of supported flavors");
        CliRun bad = CliRun.of("provision", "-c", Fixtures.input("dualstack_base").toString(), "-f", "kubernetes-9.9");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.errLines()).containsExactly("ERR:  Invalid configuration flavor: kubernetes-9.9");
    }

    @Test
    void oldFlavorsRefuseDualStack() {
        CliRun run = CliRun.of("provision", "-c", Fixtures.input("dualstack_base").toString(), "-f", "kubernetes-1.20",
                "-o", dir.resolve("o.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("ERR:   Dualstack feature is not supported. Please upgrade to "
                + "Kubernetes version 1.21 or later or OpenShift version 4.8 or later.");
        assertThat(dir.resolve("o.yaml")).doesNotExist();
    }

    @Test
    void listsFlavors() {
        CliRun run = CliRun.of("provision", "--list-flavors");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("INFO: kubernetes-1.21:\tKubernetes 1.21\n")
                .contains("INFO: kubernetes-1.35:\t").contains("INFO: openshift-4.18-baremetal:\t")
                .contains("INFO: kubernetes-1.20:\tKubernetes 1.20 [single stack only]");
    }

    @Test
    void usageErrorsExitWithOne() {
        assertThat(CliRun.of().exitCode()).isEqualTo(1);
        CliRun unknown = CliRun.of("provision", "--no-such-flag");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errLines()).containsExactly("ERR:  Unknown option: '--no-such-flag'");
        assertThat(CliRun.of("provision", "--help").exitCode()).isZero();
    }

    @Test
    void missingInputFileIsAnError() {
        CliRun run = CliRun.of("provision", "-c", dir.resolve("nope.yaml").toString(), "-f", "kubernetes-1.35");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("ERR:  Cannot read ");
    }

    @Test
    void writesKubeadmInstallConfigAndNodeNetwork() throws IOException {
        Path nodes = dir.resolve("nodes.yaml");
        Files.writeString(nodes, """
                nodes:
                  - name: node-1
                    ipv4: 10.1.0.11
                    ipv6: 2:2:1:1::11
                    interface: ens192
                  - name: node-2
                    ipv4: 10.1.0.12
                    ipv6: 2:2:1:1::12
                    interface: ens192
                """);
        CliRun run = provision("dualstack_base", "--kubeadm", dir.resolve("kubeadm.yaml").toString(),
                "--install-config", dir.resolve("install.yaml").toString(),
                "--nodes", nodes.toString(), "--node-network", dir.resolve("net").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("INFO: Service CIDRs are not part of the input; using the Kubernetes defaults "
                + "10.96.0.0/12,fd00:10:96::/112 (set --service-cidr v4,v6 to change)");
        assertThat(Files.readString(dir.resolve("kubeadm.yaml"))).contains("podSubnet: \"10.2.0.0/24,1:2:1:1::/64\"")
                .contains("value: \"10.1.0.11,2:2:1:1::11\"");
        assertThat(Files.readString(dir.resolve("install.yaml"))).contains("hostPrefix: 64");
        assertThat(dir.resolve("net").resolve("node-1.netplan.yaml")).exists();
        assertThat(dir.resolve("net").resolve("node-2.nmcli.sh")).exists();
    }

    @Test
    void nodeNetworkNeedsNodes() {
        CliRun run = provision("dualstack_base", "--node-network", dir.resolve("net").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("ERR:  --node-network needs --nodes NODES.yaml");
        assertThat(dir.resolve("out.yaml")).doesNotExist();
        assertThat(dir.resolve("net")).doesNotExist();
    }

    @Test
    void badServiceCidrIsAnError() {
        CliRun run = provision("dualstack_base", "--kubeadm", dir.resolve("k.yaml").toString(),
                "--service-cidr", "10.96.0.0/12");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("ERR:  Invalid --service-cidr: give one IPv6 CIDR, pod_subnet has IPv6");
        assertThat(dir.resolve("out.yaml")).doesNotExist();
    }

    @Test
    void syncLoginCertificateAndKeyGoIntoTheSecretOnly() throws IOException {
        Path input = dir.resolve("in.yaml");
        Files.writeString(input, Fixtures.read(Fixtures.input("dualstack_base")));
        Files.writeString(dir.resolve("user.crt"), "-----BEGIN CERTIFICATE-----\nCERTDATA\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("user.key"), "-----BEGIN PRIVATE KEY-----\nKEYDATA-42\n-----END PRIVATE KEY-----\n");
        CliRun run = CliRun.of("provision", "-c", input.toString(), "-f", "kubernetes-1.35",
                "-o", dir.resolve("out.yaml").toString(), "--debug");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("KEYDATA-42").doesNotContain("noir0123");
        assertThat(run.err()).contains("INFO: Using sync_login certificate").contains("DBG: pod families [IPV4, IPV6]");
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("KEYDATA-42").contains("CERTDATA");
    }

    @Test
    void invalidInputsNeverEchoTheCredentials() throws IOException {
        Path input = dir.resolve("bad.yaml");
        Files.writeString(input, Fixtures.read(Fixtures.input("dualstack_base")).replace("10.2.0.1/24", "10.2.0.1/33"));
        CliRun run = CliRun.of("provision", "-c", input.toString(), "-f", "kubernetes-1.35", "--debug");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("ERR:  Invalid configuration for net_config/pod_subnet: "
                + "10.2.0.1/33 has prefix length /33, longer than the 32 bits of an IPv4 address");
        assertThat(run.out() + run.err()).doesNotContain("noir0123");
        assertThat(run.out()).isEmpty();
    }
}
