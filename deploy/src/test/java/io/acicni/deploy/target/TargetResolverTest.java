package io.acicni.deploy.target;

import io.acicni.deploy.local.LocalSuiteState;
import io.acicni.testkit.kube.KubeconfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetResolverTest {
    @TempDir
    Path dir;

    private TargetOptions options(Path kubeconfig, Path local, boolean explicit) {
        return new TargetOptions(kubeconfig, local, explicit, null, List.of(), null, null, null, Map.of(), null, null);
    }

    private Path suite(long pid) {
        Path var = dir.resolve("var");
        Path kubeconfig = KubeconfigFile.write(dir.resolve("local-kubeconfig"), "http://127.0.0.1:7001");
        new LocalSuiteState(1, pid, kubeconfig.toString(), "127.0.0.1:9092",
                new LocalSuiteState.Apic("https://127.0.0.1:8443", "admin", dir.resolve("pw").toString(), dir.resolve("ca.pem").toString()),
                Map.of("ipam-service", "http://127.0.0.1:8080"),
                Map.of("sim-1", new LocalSuiteState.Node("http://127.0.0.1:8081", "/tmp/ep", "/tmp/svc", "/tmp/meta")))
                .write(LocalSuiteState.fileIn(var));
        return var;
    }

    @Test
    void aLiveLocalRunSuppliesEverything() {
        Path var = suite(ProcessHandle.current().pid());
        try (Target t = new TargetResolver(Map.of()).resolve(options(null, var, false))) {
            assertThat(t.isLocal()).isTrue();
            assertThat(t.kafka().orElseThrow().getProperty("bootstrap.servers")).isEqualTo("127.0.0.1:9092");
            assertThat(t.apic().orElseThrow().hosts()).containsExactly("https://127.0.0.1:8443");
            assertThat(t.ipamUrl()).contains("http://127.0.0.1:8080");
            assertThat(t.node("sim-1").orElseThrow().endpointDir()).isEqualTo(Path.of("/tmp/ep"));
            assertThat(t.namespace()).isEqualTo("aci-containers-system");
        }
    }

    @Test
    void aKubeconfigWinsOverTheLocalRun() {
        Path var = suite(ProcessHandle.current().pid());
        Path cluster = KubeconfigFile.write(dir.resolve("cluster"), "http://127.0.0.1:7002");
        try (Target t = new TargetResolver(Map.of("ACICNI_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")).resolve(options(cluster, var, false))) {
            assertThat(t.isLocal()).isFalse();
            assertThat(t.description()).contains(cluster.toString());
            assertThat(t.kafka().orElseThrow().getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
            assertThat(t.apic()).isEmpty();
            assertThat(t.apicMissing()).contains("--apic-user");
            assertThat(t.nodes()).isEmpty();
        }
    }

    @Test
    void aStaleLocalRunIsIgnoredUnlessAskedFor() {
        Path var = suite(Long.MAX_VALUE - 1);
        try (Target t = new TargetResolver(Map.of()).resolve(options(null, var, false))) {
            assertThat(t.isLocal()).isFalse();
            assertThat(t.description()).contains("is not running");
            assertThat(t.kafka()).isEmpty();
        }
        try (Target t = new TargetResolver(Map.of()).resolve(options(null, var, true))) {
            assertThat(t.isLocal()).isTrue();
        }
    }

    @Test
    void anExplicitLocalDirWithoutSuiteJsonIsAnError() {
        assertThatThrownBy(() -> new TargetResolver(Map.of()).resolve(options(null, dir.resolve("empty"), true)))
                .isInstanceOf(TargetException.class).hasMessageContaining("suite.json does not exist");
    }
}
