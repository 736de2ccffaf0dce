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
    private static final TrainedArchive CDS = TrainedArchive.DYNAMIC_CDS;

    private static ServiceProcess.Spec spec(Path app, List<String> jvm) {
        return new ServiceProcess.Spec("ipam-service", app.resolve("quarkus-run.jar"), 0, jvm, Map.of("a.b", "c"), Map.of(),
                app.resolve("ipam.log"));
    }

    @Test
    void usesTheAppCdsArchiveWhenTheBuildMadeOneAndNamesTheJarAsTheArchiveDoes(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        Files.writeString(app.resolve(ServiceProcess.APPCDS_ARCHIVE), "");
        List<String> command = ServiceProcess.command(spec(app, List.of("-XX:+UseSerialGC")), ServiceProcess.archiveOptions(spec(app, List.of()), false, TrainedArchive.DYNAMIC_CDS));
        assertThat(command).containsSubsequence("-XX:+UseSerialGC", "-XX:SharedArchiveFile=app-cds.jsa", "-Da.b=c", "-jar", "quarkus-run.jar");
        assertThat(command.get(command.size() - 1)).isEqualTo("quarkus-run.jar");
    }

    @Test
    void noArchiveOptionWithoutAnArchiveOrWhenTheOptionsChoose(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("quarkus-run.jar"), "");
        assertThat(ServiceProcess.archiveOptions(spec(app, List.of()), false, TrainedArchive.DYNAMIC_CDS)).isEmpty();
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
        assertThat(ServiceProcess.archiveOptions(spec, true, CDS))
                .containsExactly("-XX:ArchiveClassesAtExit=app-cds-trained.jsa.ep-writer_node-1.part", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        // training switched off: the build-time archive
        assertThat(ServiceProcess.archiveOptions(spec, false, CDS)).containsExactly("-XX:SharedArchiveFile=app-cds.jsa");
        // a run recording with JFR does not train (JDK 17 turns JFR off while dumping): the build-time archive
        ServiceProcess.Spec recording = new ServiceProcess.Spec("ep-writer/node-1", jar, 0,
                List.of("-XX:StartFlightRecording=settings=profile,filename=/tmp/x"), Map.of(), Map.of(), app.resolve("l.log"));
        assertThat(ServiceProcess.archiveOptions(recording, true, CDS)).containsExactly("-XX:SharedArchiveFile=app-cds.jsa");

        // the JVM exited by itself: its part file becomes the trained archive, used from then on
        Path part = Files.writeString(CDS.part(app, spec.name()), "archive");
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(CDS.adopt(part, app, true)).isTrue();
        assertThat(part).doesNotExist();
        assertThat(ServiceProcess.archiveOptions(spec, true, CDS)).containsExactly("-XX:SharedArchiveFile=app-cds-trained.jsa");

        // a rebuild (newer jar) makes it stale: the next run trains again
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(app.resolve(CDS.file())).toMillis() + 1000));
        assertThat(ServiceProcess.archiveOptions(spec, true, CDS)).first().asString().startsWith("-XX:ArchiveClassesAtExit=");

        // options that choose sharing themselves are left alone
        ServiceProcess.Spec own = new ServiceProcess.Spec("x", jar, 0, List.of("-XX:ArchiveClassesAtExit=/tmp/a.jsa"), Map.of(), Map.of(), app.resolve("l.log"));
        assertThat(ServiceProcess.archiveOptions(own, true, CDS)).isEmpty();
    }

    @Test
    void onJdk25AndLaterTheTrainedArchiveIsAnAotCache(@TempDir Path app) throws Exception {
        assertThat(TrainedArchive.forJdk(17)).isEqualTo(TrainedArchive.DYNAMIC_CDS);
        assertThat(TrainedArchive.forJdk(24)).isEqualTo(TrainedArchive.DYNAMIC_CDS);
        assertThat(TrainedArchive.forJdk(25)).isEqualTo(TrainedArchive.AOT_CACHE);
        assertThat(TrainedArchive.forJdk(26)).isEqualTo(TrainedArchive.AOT_CACHE);

        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "");
        ServiceProcess.Spec spec = new ServiceProcess.Spec("ipam-service", jar, 0, List.of(), Map.of(), Map.of(), app.resolve("l.log"));
        TrainedArchive aot = TrainedArchive.AOT_CACHE;
        List<String> training = ServiceProcess.archiveOptions(spec, true, aot);
        assertThat(training).containsExactly("-XX:AOTCacheOutput=app-trained.aot.ipam-service.part", "-Xlog:aot=off", "-Xlog:cds=off");
        assertThat(aot.trains(training)).isTrue();
        assertThat(CDS.trains(training)).isFalse();

        Path part = Files.writeString(aot.part(app, spec.name()), "cache");
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(aot.adopt(part, app, true)).isTrue();
        assertThat(ServiceProcess.archiveOptions(spec, true, aot)).containsExactly("-XX:AOTCache=app-trained.aot");
        // the other format's archive is not this one: a JDK 17 run beside it trains its own
        assertThat(ServiceProcess.archiveOptions(spec, true, CDS)).first().asString().startsWith("-XX:ArchiveClassesAtExit=");

        // options choosing an AOT mode or cache themselves are left alone
        for (String own : List.of("-XX:AOTCache=/x.aot", "-XX:AOTMode=off", "-XX:AOTCacheOutput=/y.aot")) {
            ServiceProcess.Spec chosen = new ServiceProcess.Spec("x", jar, 0, List.of(own), Map.of(), Map.of(), app.resolve("l.log"));
            assertThat(ServiceProcess.archiveOptions(chosen, true, aot)).as(own).isEmpty();
        }
    }

    @Test
    void aKilledTrainingRunLeavesNoArchive(@TempDir Path app) throws Exception {
        Path part = Files.writeString(CDS.part(app, "ipam-service"), "half");
        assertThat(CDS.adopt(part, app, false)).isFalse();
        assertThat(part).doesNotExist();
        assertThat(app.resolve(CDS.file())).doesNotExist();
        assertThat(CDS.adopt(part, app, true)).isFalse(); // nothing to adopt
    }

    @Test
    void readsQuarkusStartedInLine() {
        String log = "2026-11-26 11:22:05,434 INFO  [io.quarkus] (main) ep-writer-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.33.2) "
                + "started in 12.723s. Listening on: http://127.0.0.1:33619\n";
        assertThat(ServiceProcess.startedIn(log)).contains(Duration.ofMillis(12723));
        assertThat(ServiceProcess.startedIn("nothing yet")).isEmpty();
    }
}
