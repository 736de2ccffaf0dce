package io.acicni.deploy.cli;

import io.acicni.testkit.apic.ApicEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code provision -a} and {@code -d} against the APIC emulator. */
class ProvisionApicTest {
    private static final String PASSWORD = "cli-apic-pass-93";
    private static ApicEmulator apic;

    @BeforeAll
    static void start() {
        apic = ApicEmulator.builder().user("admin", PASSWORD).build().start();
        // the fabric the user already has: the common tenant, the L3Out and its external network
        apic.put(io.acicni.apic.model.ApicObject.of("fvTenant").attr("dn", "uni/tn-common").attr("name", "common"));
        apic.put(io.acicni.apic.model.ApicObject.of("l3extOut").attr("dn", "uni/tn-common/out-l3out").attr("name", "l3out"));
        apic.put(io.acicni.apic.model.ApicObject.of("l3extInstP").attr("dn", "uni/tn-common/out-l3out/instP-default").attr("name", "default"));
    }

    @AfterAll
    static void stop() {
        apic.stop();
    }

    @Test
    void pushesBothSubnetsOfEachBridgeDomainThenRemovesOnlyWhatItCreated(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        Path ca = dir.resolve("ca.pem");

        CliRun push = CliRun.of("provision", "-c", in.toString(), "-f", "kubernetes-1.35", "-o", dir.resolve("out.yaml").toString(),
                "-a", "-u", "admin", "-p", PASSWORD, "--apic-ca", ca.toString());
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[10.2.0.1/24]")).isTrue();
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]")).isTrue();
        assertThat(apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy")).isTrue();
        assertThat(push.out() + push.err()).doesNotContain(PASSWORD);

        CliRun delete = CliRun.of("provision", "-c", in.toString(), "-f", "kubernetes-1.35", "-o", dir.resolve("out2.yaml").toString(),
                "-d", "-u", "admin", "-p", PASSWORD, "--apic-ca", ca.toString());
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(apic.exists("uni/tn-kube")).isFalse();
        assertThat(apic.exists("uni/tn-common")).isTrue();
        assertThat(apic.exists("uni/tn-common/out-l3out/instP-default")).isTrue();
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutTheSecret(@TempDir Path dir) throws Exception {
        Path in = input(dir);
        Path ca = dir.resolve("ca.pem");
        CliRun run = CliRun.of("provision", "-c", in.toString(), "-f", "kubernetes-1.35", "-o", dir.resolve("out.yaml").toString(),
                "-a", "-u", "admin", "-p", "not-the-password-77", "--apic-ca", ca.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).anyMatch(l -> l.contains("APIC provisioning failed"));
        assertThat(run.out() + run.err()).doesNotContain("not-the-password-77");
    }

    /** The sample input pointed at the emulator, and the emulator's CA next to it as ca.pem. */
    private static Path input(Path dir) throws Exception {
        String input = Files.readString(Path.of("../apic-sync-service/src/test/resources/acc-provision-input.yaml"))
                .replaceFirst("(?m)^  apic_hosts:\\n(\\s+- .*\\n)+", "  apic_hosts:\n    - " + apic.url().replace("https://", "") + "\n");
        Path in = dir.resolve("input.yaml");
        Files.writeString(in, input);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, apic.certificatePem());
        return in;
    }
}
