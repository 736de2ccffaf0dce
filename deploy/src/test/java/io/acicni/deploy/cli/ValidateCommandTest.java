package io.acicni.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.deploy.SuiteState;
import io.acicni.testkit.apic.ApicEmulator;
import io.acicni.testkit.kube.KubernetesApiDouble;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aci-dualstack validate} against the Kubernetes API double and the APIC emulator. */
class ValidateCommandTest {
    private static final String PASSWORD = "validate-pw-41";
    private static ApicEmulator apic;

    @TempDir
    Path dir;
    private KubernetesApiDouble kubeDouble;
    private KubernetesClient kube;
    private Path kubeconfig;

    @BeforeAll
    static void startApic() {
        apic = ApicEmulator.builder().user("admin", PASSWORD).build().start();
    }

    @AfterAll
    static void stopApic() {
        apic.stop();
    }

    @BeforeEach
    void start() {
        kubeDouble = KubernetesApiDouble.builder().scheduler(false).build().start();
        kube = kubeDouble.client();
        kubeconfig = kubeDouble.writeKubeconfig(dir.resolve("kubeconfig"));
        SuiteState.good(kube);
        apic.remove("uni/tn-kube");
        SuiteState.fabric(apic);
    }

    @AfterEach
    void stop() {
        kubeDouble.close();
    }

    private CliRun validate(String... extra) throws Exception {
        Path pw = dir.resolve("apic-password");
        Files.writeString(pw, PASSWORD + "\n");
        Path ca = dir.resolve("apic-ca.pem");
        Files.writeString(ca, apic.certificatePem());
        List<String> args = new ArrayList<>(List.of("validate", "--kubeconfig", kubeconfig.toString(), "--local", dir.resolve("no-local").toString(),
                "--apic-host", apic.url(), "--apic-user", "admin", "--apic-password-file", pw.toString(), "--apic-ca", ca.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void goodStatePassesEveryCheckWithTheValuesItSaw() throws Exception {
        CliRun run = validate();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(
                "PASS  configmap.controller-config",
                "pod-subnet: 10.2.0.1/24 (IPv4), 1:2:1:1::1/64 (IPv6)",
                "PASS  configmap.host-agent-config",
                "node-subnet: 10.1.0.1/16 (IPv4), 2:2:1:1::1/64 (IPv6)",
                "PASS  apic.node-bd-subnets",
                "PASS  apic.pod-bd-subnets",
                "uni/tn-kube/BD-kube-pod-bd fvSubnet: 10.2.0.1/24 (IPv4), 1:2:1:1::1/64 (IPv6)",
                "PASS  nodes.pod-network-ranges",
                "worker-1: V4 10.2.0.2-10.2.0.33; V6 1:2:1:1::2-1:2:1:1::21",
                "PASS  pods.pod-ips",
                "default/web-1: 10.2.0.2, 1:2:1:1::2",
                "3 of 3 pods have one IPv4 and one IPv6 address, IPv4 first (1 hostNetwork and 1 not running skipped)",
                "PASS  services.cluster-ips",
                "Result: OK - 7 passed, 0 failed, 0 skipped");
        assertThat(run.out()).doesNotContain("kube-proxy-x", "pending-1");
        assertThat(run.err()).contains("INFO: Target: cluster of kubeconfig " + kubeconfig);
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void jsonOutputIsAnArrayOfCheckStatusEvidence() throws Exception {
        CliRun run = validate("-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(7);
        List<String> checks = new ArrayList<>();
        json.forEach(c -> {
            checks.add(c.get("check").asText());
            assertThat(c.get("status").asText()).isEqualTo("PASS");
            assertThat(c.get("evidence").isArray()).isTrue();
        });
        assertThat(checks).containsExactly("configmap.controller-config", "configmap.host-agent-config", "apic.node-bd-subnets",
                "apic.pod-bd-subnets", "nodes.pod-network-ranges", "pods.pod-ips", "services.cluster-ips");
    }

    @Test
    void withoutApicAccessTheApicChecksAreSkippedAndTheRestStillPasses() throws Exception {
        CliRun run = CliRun.of("validate", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("SKIP  apic.node-bd-subnets", "SKIP  apic.pod-bd-subnets",
                "APIC access not configured: give --apic-user and --apic-password-file", "5 passed, 0 failed, 2 skipped");
    }

    @Test
    void aLocalRunSuppliesTheClusterAndTheApic() throws Exception {
        Path pw = Files.writeString(dir.resolve("local-apic-password"), PASSWORD);
        Path ca = Files.writeString(dir.resolve("local-apic-ca.pem"), apic.certificatePem());
        Path var = dir.resolve("var");
        new io.acicni.deploy.local.LocalSuiteState(1, ProcessHandle.current().pid(), kubeconfig.toString(), "127.0.0.1:1",
                new io.acicni.deploy.local.LocalSuiteState.Apic(apic.url(), "admin", pw.toString(), ca.toString()),
                java.util.Map.of(), java.util.Map.of()).write(io.acicni.deploy.local.LocalSuiteState.fileIn(var));
        apic.remove(SuiteState.NODE_BD + "/subnet-[2:2:1:1::1/64]");

        CliRun run = CliRun.of("validate", "--local", var.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("INFO: Target: local run " + var.resolve("suite.json"));
        assertThat(run.out()).contains("FAIL  apic.node-bd-subnets",
                "uni/tn-kube/BD-kube-node-bd: missing IPv6 subnet 2:2:1:1::1/64 (from host-agent-config node-subnet)",
                "PASS  apic.pod-bd-subnets", "Result: FAILED - 6 passed, 1 failed, 0 skipped");
    }

    @Test
    void aNodeWithoutAV6RangeFailsNamingTheNodeAndTheAnnotation() throws Exception {
        Node node = kube.nodes().withName("worker-2").get();
        String v4Only = "{\"V4\":[{\"start\":\"10.2.0.34\",\"end\":\"10.2.0.65\"}]}";
        node.getMetadata().getAnnotations().put("opflex.cisco.com/pod-network-ranges", v4Only);
        kube.resource(node).update();

        CliRun run = validate();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  nodes.pod-network-ranges",
                "worker-2: no V6 range in opflex.cisco.com/pod-network-ranges " + v4Only,
                "Result: FAILED - 6 passed, 1 failed, 0 skipped");
    }

    @Test
    void aPodWithOnlyAnIpv4AddressFailsNamingPodNodeAndValue() throws Exception {
        replacePodIps("default", "web-2", "10.2.0.34");
        CliRun run = validate();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  pods.pod-ips", "default/web-2 (node worker-2): podIPs [10.2.0.34] lacks IPv6");
    }

    @Test
    void aPodWithTheSecondaryFamilyFirstFails() throws Exception {
        replacePodIps("shop", "cart-1", "1:2:1:1::3", "10.2.0.3");
        CliRun run = validate();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  pods.pod-ips",
                "shop/cart-1 (node worker-1): podIPs [1:2:1:1::3, 10.2.0.3] wrong order: IPv6 first, the cluster's primary family IPv4 must come first");
    }

    @Test
    void aMissingIpv6SubnetUnderThePodBdFailsNamingTheBdAndTheSubnet() throws Exception {
        apic.remove(SuiteState.POD_BD + "/subnet-[1:2:1:1::1/64]");
        CliRun run = validate();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("PASS  apic.node-bd-subnets", "FAIL  apic.pod-bd-subnets",
                "uni/tn-kube/BD-kube-pod-bd: missing IPv6 subnet 1:2:1:1::1/64 (from controller-config pod-subnet)",
                "uni/tn-kube/BD-kube-pod-bd fvSubnet: 10.2.0.1/24 (IPv4); expected [10.2.0.1/24, 1:2:1:1::1/64]");
    }

    @Test
    void aMissingConfigMapFailsBothConfigChecks() throws Exception {
        kube.configMaps().inNamespace(SuiteState.NAMESPACE).withName("aci-containers-config").delete();
        CliRun run = validate();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  configmap.controller-config", "FAIL  configmap.host-agent-config",
                "ConfigMap aci-containers-config not found in namespace aci-containers-system nor in any other namespace",
                "SKIP  apic.pod-bd-subnets");
    }

    @Test
    void anUnreachableClusterIsAnErrorLineNotAStackTrace() throws Exception {
        Path config = dir.resolve("dead-kubeconfig");
        io.acicni.testkit.kube.KubeconfigFile.write(config, "http://127.0.0.1:1");
        CliRun run = CliRun.of("validate", "--kubeconfig", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith("ERR:  cannot read the cluster:");
    }

    private void replacePodIps(String namespace, String name, String... ips) {
        Pod pod = kube.pods().inNamespace(namespace).withName(name).get();
        pod.getStatus().setPodIP(ips[0]);
        pod.getStatus().setPodIPs(java.util.Arrays.stream(ips).map(PodIP::new).toList());
        kube.resource(pod).update();
    }
}
