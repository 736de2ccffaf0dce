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
        List<String> command = ServiceProcess.command(spec(app, List.of("-XX:+UseSerialGC")), ServiceProcess.archiveOptions(spec(app, List.of()), false));
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-XX:SharedArchiveFile=app-cds.jsa", "-Da.b=c", "-jar", "quarkus-run.jar");
        assertThat(command.get(command.size() - 1)).isEqualTo("quarkus-run.jar");
    }

    @Test
    void noArchiveOptionWithoutAnArchiveOrWhenTheOptionsChoose(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        assertThat(ServiceProcess.archiveOptions(spec(app, List.of()), false)).isEmpty();
        Files.writeString(app.resolve(ServiceProcess.APPCDS_ARCHIVE), "");
        assertThat(ServiceProcess.command(spec(app, List.of("-Xshare:off")))).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
        assertThat(ServiceProcess.command(spec(app, List.of("-XX:SharedArchiveFile=/x.jsa"))))
                .filteredOn(o -> o.startsWith("-XX:SharedArchiveFile")).containsExactly("-XX:SharedArchiveFile=/x.jsa");
    }

    @Test
    void aFreshBuildTrainsAnArchiveAndLaterRunsUseIt(@TempDir Path app) throws Exception {
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "");
        Files.writeString(app.resolve(ServiceProcess.APPCDS_ARCHIVE), "");
        ServiceProcess.Spec spec = new ServiceProcess.Spec("ep-writer/node-1", jar, 0, List.of(), Map.of(), Map.of(), app.resolve("l.log"));

        // no trained archive: this run writes one at its exit, to a file of its own
        assertThat(ServiceProcess.archiveOptions(spec, true))
                .containsExactly("-XX:ArchiveClassesAtExit=app-cds-trained.jsa.ep-writer_node-1.part", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        // training switched off: the build-time archive
        assertThat(ServiceProcess.archiveOptions(spec, false)).containsExactly("-XX:SharedArchiveFile=app-cds.jsa");

        // the JVM exited by itself: its part file becomes the trained archive, used from then on
        Path part = Files.writeString(TrainedArchive.part(app, spec.name()), "archive");
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(TrainedArchive.adopt(part, app, true)).isTrue();
        assertThat(part).doesNotExist();
        assertThat(ServiceProcess.archiveOptions(spec, true)).containsExactly("-XX:SharedArchiveFile=app-cds-trained.jsa");

        // a rebuild (newer jar) makes it stale: the next run trains again
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(app.resolve(TrainedArchive.FILE)).toMillis() + 1000));
        assertThat(ServiceProcess.archiveOptions(spec, true)).first().asString().startsWith("-XX:ArchiveClassesAtExit=");

        // options that choose sharing themselves are left alone
        ServiceProcess.Spec own = new ServiceProcess.Spec("x", jar, 0, List.of("-XX:ArchiveClassesAtExit=/tmp/a.jsa"), Map.of(), Map.of(), app.resolve("l.log"));
        assertThat(ServiceProcess.archiveOptions(own, true)).isEmpty();
    }

    @Test
    void aKilledTrainingRunLeavesNoArchive(@TempDir Path app) throws Exception {
        Path part = Files.writeString(TrainedArchive.part(app, "ipam-service"), "half");
        assertThat(TrainedArchive.adopt(part, app, false)).isFalse();
        assertThat(part).doesNotExist();
        assertThat(app.resolve(TrainedArchive.FILE)).doesNotExist();
        assertThat(TrainedArchive.adopt(part, app, true)).isFalse(); // nothing to adopt
    }

    @Test
    void readsQuarkusStartedInLine() {
        String log = "2026-11-26 11:22:05,434 INFO  [io.quarkus] (main) ep-writer-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.33.2) "
                + "started in 12.723s. Listening on: http://127.0.0.1:33619\n";
        assertThat(ServiceProcess.startedIn(log)).contains(Duration.ofMillis(12723));
        assertThat(ServiceProcess.startedIn("nothing yet")).isEmpty();
    }
}
