package io.acicni.localrun.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.acicni.localrun.process.ServiceProcess;
import io.acicni.localrun.suite.LocalSuite;
import io.acicni.localrun.cli.SuiteArgs;
import io.acicni.localrun.suite.ClusterSpec;
import io.acicni.localrun.suite.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = "Starts the suite (one ep-writer per node) with the manifests' JVM options and reports, per service "
                + "process: time from process start to /q/health/ready UP, resident memory when idle, peak resident memory.")
public class FootprintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    SuiteArgs suiteArgs;

    @Option(names = "--nodes", defaultValue = "1", description = "simulated nodes, one ep-writer each (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--idle", defaultValue = "10", description = "seconds idle after start before memory is read (default: ${DEFAULT-VALUE})")
    double idle;

    @Option(names = "--runs", defaultValue = "1", description = "start the suite this many times (start-up times per run) (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--json", paramLabel = "FILE", description = "write the figures as JSON")
    Path json;

    /** One process of one run. */
    public record Row(int run, String name, long readyMs, double idleRssMb, double peakRssMb, double cpuSeconds) {
    }

    public record Report(PipelineReport.Machine machine, List<String> jvmOptions, double idleSeconds, List<Row> rows) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteOptions options = suiteArgs.options(ClusterSpec.generatedNodes(nodes), 1);
        double loadStart = MachineStats.loadAverage();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Row> rows = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try (LocalSuite suite = LocalSuite.start(options, line -> {
                err.println("INFO: " + line);
                err.flush();
            })) {
                Thread.sleep((long) (idle * 1000));
                for (ServiceProcess p : suite.processes()) {
                    ProcStats.Sample s = ProcStats.read(p.pid()).orElseThrow();
                    rows.add(new Row(run, p.name(), p.readyAfter().toMillis(), LatencyStats.round(s.rssKb() / 1024.0),
                            LatencyStats.round(s.hwmKb() / 1024.0), LatencyStats.round(s.cpuSeconds())));
                }
            }
        }
        Report report = new Report(PipelineCommand.machine(date, loadStart), options.jvmOptions(), idle, rows);
        out.printf("machine: %d cores, %d MB, %s, %s; load average %.1f at start, %.1f at end%n", report.machine().cores(),
                report.machine().memoryMb(), report.machine().jdk(), date, loadStart, report.machine().loadAverageEnd());
        out.printf("JVM options: %s; memory read after %.0f s idle%n", String.join(" ", options.jvmOptions()), idle);
        out.printf("  %-4s %-26s %9s %12s %9s %9s%n", "run", "process", "ready ms", "idle RSS MB", "peak MB", "CPU s");
        for (Row r : rows) {
            out.printf("  %-4d %-26s %9d %12.1f %9.1f %9.2f%n", r.run(), r.name(), r.readyMs(), r.idleRssMb(), r.peakRssMb(), r.cpuSeconds());
        }
        out.flush();
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            JSON.writeValue(json.toFile(), report);
            err.println("INFO: report written to " + json);
        }
        return 0;
    }
}
