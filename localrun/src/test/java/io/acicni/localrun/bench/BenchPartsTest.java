package io.acicni.localrun.bench;

import io.acicni.localrun.cli.SuiteArgs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BenchPartsTest {

    @Test
    void percentilesInMilliseconds() {
        LatencyStats s = new LatencyStats();
        for (int i = 1; i <= 1000; i++) {
            s.recordNanos(i * 1_000_000L); // 1..1000 ms
        }
        s.error();
        LatencyStats.Summary sum = s.summary();
        assertThat(sum.count()).isEqualTo(1000);
        assertThat(sum.errors()).isEqualTo(1);
        assertThat(sum.p50Ms()).isCloseTo(500, within(1.0));
        assertThat(sum.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(sum.p999Ms()).isCloseTo(999, within(1.0));
        assertThat(sum.maxMs()).isCloseTo(1000, within(1.0));
        assertThat(new LatencyStats().summary().p99Ms()).isZero();
    }

    @Test
    void mergedStatsKeepCountsAndErrors() {
        LatencyStats a = new LatencyStats();
        LatencyStats b = new LatencyStats();
        a.recordNanos(2_000_000);
        b.recordNanos(4_000_000);
        b.errors(3);
        LatencyStats all = new LatencyStats();
        all.addAll(a);
        all.addAll(b);
        assertThat(all.count()).isEqualTo(2);
        assertThat(all.errorCount()).isEqualTo(3);
        assertThat(all.maxMillis()).isCloseTo(4, within(0.01));
    }

    @Test
    void pacerSpacesOperationsEvenly() {
        RatePacer p = new RatePacer(1_000_000_000L, 1000);
        assertThat(p.dueNanos(0)).isEqualTo(1_000_000_000L);
        assertThat(p.dueNanos(1)).isEqualTo(1_001_000_000L);
        assertThat(p.dueNanos(1000)).isEqualTo(2_000_000_000L);
        assertThat(p.dueBy(999_999_999L)).isZero();
        assertThat(p.dueBy(1_000_000_000L)).isEqualTo(1);
        assertThat(p.dueBy(1_000_999_999L)).isEqualTo(1);
        assertThat(p.dueBy(1_001_000_000L)).isEqualTo(2);
        assertThat(RatePacer.operations(20, 5)).isEqualTo(100);
        assertThat(RatePacer.operations(3.3, 1)).isEqualTo(3);
        assertThatThrownBy(() -> new RatePacer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pacerWaitsUntilDue() {
        long start = System.nanoTime();
        RatePacer p = new RatePacer(start, 100);
        p.awaitDue(5); // 50 ms
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void procStatCountsFieldsAfterTheCommandName() {
        // comm with a space and a parenthesis; utime 1234, stime 66
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 66 0 0 20 0 30 0 555 1000 200 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1300);
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\nThreads:\t30\n";
        assertThat(ProcStats.statusKb(status, "VmHWM")).isEqualTo(123456);
        assertThat(ProcStats.statusKb(status, "VmRSS")).isEqualTo(100000);
        assertThat(ProcStats.statusKb(status, "VmSwap")).isZero();
    }

    @Test
    void procStatsOfThisProcess() {
        ProcStats.Sample s = ProcStats.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(s.rssKb()).isPositive();
        assertThat(s.hwmKb()).isGreaterThanOrEqualTo(s.rssKb());
    }

    @Test
    void procStatsFromAFixtureTree(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("7"));
        Files.writeString(proc.resolve("7/stat"), "7 (x) R 1 1 1 0 -1 0 0 0 0 0 250 50 0 0 20 0 1 0 1 1 1");
        Files.writeString(proc.resolve("7/status"), "VmHWM:\t 2048 kB\nVmRSS:\t 1024 kB\n");
        ProcStats.Sample s = ProcStats.read(proc, 7).orElseThrow();
        assertThat(s.cpuSeconds()).isEqualTo(3.0);
        assertThat(s.rssKb()).isEqualTo(1024);
        assertThat(s.hwmKb()).isEqualTo(2048);
        assertThat(ProcStats.read(proc, 8)).isEmpty();
    }

    @Test
    void machineCpuShare() {
        MachineStats.Cpu a = MachineStats.parseCpu("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n");
        MachineStats.Cpu b = MachineStats.parseCpu("cpu  200 0 200 750 150 0 0 0 0 0\n");
        assertThat(a.busy()).isEqualTo(200);
        assertThat(b.busyShareSince(a)).isCloseTo(200.0 / 300, within(1e-9));
    }

    @Test
    void aTimedOutOperationSaysWhetherThePipelineOrTheWatchLostIt(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("node-1"));
        Files.writeString(dir.resolve("kept_c_veth1.ep"), "{}");
        try (EpFileTracker tracker = new EpFileTracker(java.util.Map.of("node-1", dir))) {
            LatencyStats stats = new LatencyStats();
            tracker.expect("never", "node-1", true, stats);
            tracker.expect("kept", "node-1", false, stats);
            tracker.expect("gone", "node-1", false, stats);
            assertThat(tracker.pending()).isEqualTo(3);

            java.util.List<EpFileTracker.Expired> expired = tracker.expireAll();
            assertThat(expired).extracting(EpFileTracker.Expired::uid).containsExactlyInAnyOrder("never", "kept", "gone");
            assertThat(expired).filteredOn(e -> e.uid().equals("never")).singleElement()
                    .satisfies(e -> assertThat(tracker.describe(e)).isEqualTo("create of pod uid never on node-1: no .ep file appeared (not written by the end of the drain: lost, or still in a backlog)"));
            assertThat(expired).filteredOn(e -> e.uid().equals("kept")).singleElement()
                    .satisfies(e -> assertThat(tracker.describe(e)).contains("still there (not removed by the end of the drain: lost, or still in a backlog)"));
            assertThat(expired).filteredOn(e -> e.uid().equals("gone")).singleElement()
                    .satisfies(e -> assertThat(tracker.describe(e)).contains("gone; the watch missed its removal"));
            assertThat(stats.summary().errors()).isEqualTo(3);
            assertThat(tracker.pending()).isZero();
        }
    }

    @Test
    void endpointFileNamesGiveThePodUid() {
        assertThat(EpFileTracker.uidOf("0b7e-11_abcdef_veth1234.ep")).isEqualTo("0b7e-11");
        assertThat(EpFileTracker.uidOf(".acicni-123.tmp")).isNull();
        assertThat(EpFileTracker.uidOf("x.service")).isNull();
        assertThat(EpFileTracker.uidOf("_x.ep")).isNull();
    }

    @Test
    void propertiesByModule() {
        Map<String, Map<String, String>> p = SuiteArgs.parseProperties(List.of("ep-writer-service:acicni.ep-writer.debounce=20ms",
                "ipam-service:a.b=c=d"));
        assertThat(p.get("ep-writer-service")).containsEntry("acicni.ep-writer.debounce", "20ms");
        assertThat(p.get("ipam-service")).containsEntry("a.b", "c=d");
        assertThatThrownBy(() -> SuiteArgs.parseProperties(List.of("novalue"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findMaxSteps() {
        assertThat(PipelineBenchmark.nextRate(500)).isEqualTo(750);
        assertThat(PipelineBenchmark.nextRate(1000)).isEqualTo(1500);
        assertThat(PipelineBenchmark.nextRate(2000)).isEqualTo(3000);
        assertThat(PipelineBenchmark.nextRate(3000)).isEqualTo(4000);
    }

    static PipelineReport sample() {
        LatencyStats.Summary lat = new LatencyStats.Summary(100, 0, 12.5, 40.25, 60, 70, 15);
        LatencyStats.Summary none = new LatencyStats.Summary(0, 0, 0, 0, 0, 0, 0);
        PipelineReport.Phase fill = new PipelineReport.Phase("fill", 100, 99, 1, 100, lat, none, lat, none, 0, 0, 0, 0, 0, 50,
                List.of(), List.of());
        PipelineReport.Phase step = new PipelineReport.Phase("churn 1000/s", 1000, 998, 60, 60000, lat, lat,
                new LatencyStats.Summary(200, 1, 12.5, 45.5, 61, 71, 15), none, 1, 7, 5, 0, 0, 80,
                List.of(new PipelineReport.ProcessCpu("ipam-service", 11, 30, 50, 120)),
                List.of(new PipelineReport.ThreadCpu("vert.x-eventloop-thread-0", 97.5)));
        return new PipelineReport(new PipelineReport.Machine(2, 24000, "OpenJDK 17", "Linux", "2026-11-26T09:00:00Z", 3.5, 4.5, List.of("-XX:TieredStopAtLevel=1")),
                new PipelineReport.Parameters(100, 10000, 1000, 60, false, 100, 4, 25, 32, List.of("-XX:+UseSerialGC"), "t"),
                List.of(new KafkaFloor.Result("plain", 1000, 1000, 15, new LatencyStats.Summary(15000, 0, 1.5, 3.25, 5, 9, 2), 0, null)),
                fill, List.of(step), null,
                new FinalStateCheck.FinalState(1000, 1000, 0, 0, 0, 0, 1.5, 1.5, List.of(), List.of(), null),
                List.of(new PipelineReport.ProcessFootprint("ipam-service", 11, 1800.0, 110, 140, 150, 30)), List.of("n1"));
    }

    @Test
    void tableShowsEveryFigure() {
        StringWriter text = new StringWriter();
        BenchText.print(sample(), new PrintWriter(text));
        String s = text.toString();
        assertThat(s).contains("2 cores", "load average 3.5", "100 nodes (4 ep-writer processes, 25 nodes each)",
                "plain", "3.25", "churn 1000/s", "create", "delete", "45.50", "API errors 1, timed out 7 (of which never sent: 5)", "ipam-service", "1800",
                "note: n1", "harness JVM (broker, API double, kubelet, driver): -XX:TieredStopAtLevel=1",
                "busiest threads of the harness JVM", "vert.x-eventloop-thread-0", "97.5",
                "final state (API vs. endpoint directories, after the last step and its drain): 1000 live pods, 1000 .ep files: every live "
                        + "pod has its file on its node and no file is left over, 1.5 s after the last step's drain");
        assertThat(sample().steps().get(0).errors()).isEqualTo(1);
    }

    @Test
    void chartIsAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        LatencyChart.write(sample(), png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
    }
}
