package io.acicni.localrun.cli;

import io.acicni.localrun.suite.ClusterSpec;
import io.acicni.localrun.suite.SuiteOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {

    @Test
    void optionsShareTheSuiteArgumentsOfTheBenchmarks() throws Exception {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--home", "/checkout", "--var", "/tmp/v", "--cluster", "c.yaml", "-c", "in.yaml",
                "--jvm-options", "-Xmx64m  -XX:+UseSerialGC", "--ready-timeout", "30",
                "-P", "ep-writer-service:acicni.ep-writer.debounce=20ms", "--nodes-per-ep-writer", "2");
        SuiteOptions o = up.options();
        assertThat(o.home()).isEqualTo(Path.of("/checkout"));
        assertThat(o.var()).isEqualTo(Path.of("/tmp/v"));
        assertThat(o.cluster()).isEqualTo(ClusterSpec.file(Path.of("c.yaml")));
        assertThat(o.input()).isEqualTo(Path.of("in.yaml"));
        assertThat(o.jvmOptions()).containsExactly("-Xmx64m", "-XX:+UseSerialGC");
        assertThat(o.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.nodesPerEpWriter()).isEqualTo(2);
        assertThat(o.extraProperties()).isEqualTo(Map.of("ep-writer-service", Map.of("acicni.ep-writer.debounce", "20ms")));
    }

    @Test
    void defaultsAreTheSampleClusterAndTheShippedJvmOptions() throws Exception {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--home", "/checkout");
        SuiteOptions o = up.options();
        assertThat(o.var()).isEqualTo(Path.of("/checkout/var"));
        assertThat(o.cluster()).isEqualTo(ClusterSpec.sample());
        assertThat(o.input()).isNull();
        assertThat(o.jvmOptions()).isEqualTo(List.copyOf(SuiteOptions.DEFAULT_JVM_OPTIONS));
        assertThat(o.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
    }
}
