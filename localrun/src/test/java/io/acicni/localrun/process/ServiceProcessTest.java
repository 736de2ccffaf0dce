package io.acicni.localrun.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

    private static ServiceProcess.Spec spec(Path app, List<String> jvm) {
        return new ServiceProcess.Spec("ipam-service", app.resolve("quarkus-run.jar"), 0, jvm, Map.of("a.b", "c"), Map.of(),
                app.resolve("ipam.log"));
    }

    @Test
    void usesTheAppCdsArchiveWhenTheBuildMadeOneAndNamesTheJarAsTheArchiveDoes(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        Files.writeString(app.resolve(ServiceProcess.APPCDS_ARCHIVE), "");
        List<String> command = ServiceProcess.command(spec(app, List.of("-XX:+UseSerialGC")));
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-XX:SharedArchiveFile=app-cds.jsa", "-Da.b=c", "-jar", "quarkus-run.jar");
        assertThat(command.get(command.size() - 1)).isEqualTo("quarkus-run.jar");
    }

    @Test
    void noArchiveOptionWithoutAnArchiveOrWhenTheOptionsChoose(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        assertThat(ServiceProcess.command(spec(app, List.of()))).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
        Files.writeString(app.resolve(ServiceProcess.APPCDS_ARCHIVE), "");
        assertThat(ServiceProcess.command(spec(app, List.of("-Xshare:off")))).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
        assertThat(ServiceProcess.command(spec(app, List.of("-XX:SharedArchiveFile=/x.jsa"))))
                .filteredOn(o -> o.startsWith("-XX:SharedArchiveFile")).containsExactly("-XX:SharedArchiveFile=/x.jsa");
    }

    @Test
    void readsQuarkusStartedInLine() {
        String log = "2026-11-26 11:22:05,434 INFO  [io.quarkus] (main) ep-writer-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.33.2) "
                + "started in 12.723s. Listening on: http://127.0.0.1:33619\n";
        assertThat(ServiceProcess.startedIn(log)).contains(Duration.ofMillis(12723));
        assertThat(ServiceProcess.startedIn("nothing yet")).isEmpty();
    }
}
