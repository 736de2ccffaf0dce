package io.acicni.localrun.bench;

import io.acicni.localrun.suite.SuiteOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FootprintCommandTest {

    @Test
    void allAtOnceWithTheShippedOptionsByDefault() throws Exception {
        FootprintCommand footprint = new FootprintCommand();
        new CommandLine(footprint).parseArgs("--home", "/checkout");
        SuiteOptions o = footprint.options();
        assertThat(o.oneAtATime()).isFalse();
        assertThat(o.jvmOptions()).containsExactly(SuiteOptions.SHIPPED);
        assertThat(footprint.nmt).isNull();
    }

    @Test
    void oneAtATimeAndNativeMemoryTracking() throws Exception {
        FootprintCommand footprint = new FootprintCommand();
        new CommandLine(footprint).parseArgs("--home", "/checkout", "--one-at-a-time", "--nmt", "/tmp/nmt", "--runs", "2",
                "--jvm-options", "@shipped -XX:TieredStopAtLevel=1");
        SuiteOptions o = footprint.options();
        assertThat(o.oneAtATime()).isTrue();
        assertThat(footprint.runs).isEqualTo(2);
        assertThat(footprint.nmt).isEqualTo(Path.of("/tmp/nmt"));
        assertThat(o.jvmOptions()).containsExactly(SuiteOptions.SHIPPED, "-XX:TieredStopAtLevel=1", FootprintCommand.NMT_OPTION);
        assertThat(o.jvmOptionsFor("ep-writer-service")).endsWith("-XX:TieredStopAtLevel=1", FootprintCommand.NMT_OPTION)
                .contains("-XX:+UseSerialGC", "-XX:MaxRAM=256m");
    }
}
