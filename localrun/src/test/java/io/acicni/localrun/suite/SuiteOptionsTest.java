package io.acicni.localrun.suite;

import io.acicni.deploy.manifest.WorkloadManifests;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteOptionsTest {

    @Test
    void eachServiceRunsWithItsManifestOptionsAndItsMemoryLimitAsMaxRam() {
        SuiteOptions o = SuiteOptions.defaults(Path.of("/checkout"));
        assertThat(o.jvmOptions()).isEqualTo(SuiteOptions.DEFAULT_JVM_OPTIONS);
        for (String module : List.of(LocalSuite.IPAM, LocalSuite.APIC_SYNC, LocalSuite.EP_WRITER)) {
            List<String> jvm = o.jvmOptionsFor(module);
            assertThat(String.join(" ", jvm)).isEqualTo(WorkloadManifests.jvmOptions(module) + " -XX:MaxRAM="
                    + WorkloadManifests.memoryLimitMi(module) + "m");
        }
        assertThat(o.jvmOptionsFor(LocalSuite.EP_WRITER)).contains("-XX:TieredStopAtLevel=1", "-XX:MaxRAM=256m");
        assertThat(o.jvmOptionsFor(LocalSuite.IPAM)).contains("-XX:TieredStopAtLevel=1", "-XX:MaxRAM=512m");
        assertThat(o.environmentFor(LocalSuite.IPAM)).containsEntry("MALLOC_ARENA_MAX", "2")
                .isEqualTo(WorkloadManifests.PROCESS_ENVIRONMENT);
        assertThat(o.withJvmOptions(List.of(SuiteOptions.SHIPPED, "-Xmn8m")).environmentFor(LocalSuite.EP_WRITER))
                .isEqualTo(WorkloadManifests.PROCESS_ENVIRONMENT);
        assertThat(o.environmentFor(LocalSuite.IPAM, java.util.Map.of("ACICNI_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "MALLOC_ARENA_MAX", "4")))
                .as("a process keeps the shipped variables and its own win")
                .containsEntry("ACICNI_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092").containsEntry("MALLOC_ARENA_MAX", "4");
        assertThat(o.withJvmOptions(List.of("-Xmx64m")).environmentFor(LocalSuite.IPAM, java.util.Map.of("A", "1")))
                .containsExactlyEntriesOf(java.util.Map.of("A", "1"));
    }

    @Test
    void anOlderJdkThatWouldRefuseTheNativeTrimOptionRunsWithoutIt() {
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("17.0.10+7"))).isFalse();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("17.0.11+9"))).isTrue();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("17.0.15+6-Debian-1deb12u1"))).isTrue();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("21.0.2"))).isFalse();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("21.0.3"))).isTrue();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("22"))).isFalse();
        assertThat(SuiteOptions.knowsNativeTrim(Runtime.Version.parse("25.0.3"))).isTrue();

        assertThat(SuiteOptions.shippedJvmOptions(LocalSuite.APIC_SYNC, Runtime.Version.parse("17.0.8")))
                .noneMatch(o -> o.startsWith(WorkloadManifests.NATIVE_TRIM_OPTION))
                .contains("-XX:TieredStopAtLevel=1", "-XX:MaxRAM=384m");
        assertThat(SuiteOptions.shippedJvmOptions(LocalSuite.APIC_SYNC, Runtime.Version.parse("25.0.3")))
                .contains("-XX:TrimNativeHeapInterval=1000");
    }

    @Test
    void aListWithoutShippedReplacesTheOptionsOfEveryService() {
        SuiteOptions o = SuiteOptions.defaults(Path.of("/checkout")).withJvmOptions(List.of("-Xmx64m"));
        assertThat(o.jvmOptionsFor(LocalSuite.IPAM)).containsExactly("-Xmx64m");
        assertThat(o.jvmOptionsFor(LocalSuite.EP_WRITER)).containsExactly("-Xmx64m");
        assertThat(o.environmentFor(LocalSuite.EP_WRITER)).as("a plain-JVM comparison run gets no shipped environment").isEmpty();
    }

    @Test
    void pathsAreMadeAbsoluteBecauseServicesRunInTheirAppDirectory() {
        SuiteOptions o = SuiteOptions.defaults(Path.of("checkout"));
        assertThat(o.home()).isAbsolute().isEqualTo(Path.of("checkout").toAbsolutePath());
        assertThat(o.var()).isEqualTo(Path.of("checkout", "var").toAbsolutePath());
        assertThat(o.oneAtATime()).isFalse();
        assertThat(o.withOneAtATime(true).oneAtATime()).isTrue();
    }
}
