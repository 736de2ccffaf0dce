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

    @Option(names = "--one-at-a-time",
            description = "start each service only when the one before it is ready (ipam, apic-sync, then the ep-writers), so that "
                    + "each start-up time is the service's own rather than shared with its neighbours' on the same cores; "
                    + "default: all at once, as in a cluster rollout")
    boolean oneAtATime;

    @Option(names = "--nmt", paramLabel = "DIR",
            description = "run the services with -XX:NativeMemoryTracking=summary and, after the idle time, write each one's "
                    + "'jcmd VM.native_memory summary' and class histogram (top 40) to DIR")
    Path nmt;

    /**
     * One process of one run.
     *
     * @param readyMs           process start to the first {@code /q/health/ready} UP
     * @param bootMs            Quarkus' own "started in" (JVM + Quarkus boot until HTTP listens), -1 if not logged
     * @param cpuToReadySeconds CPU time (user + system) used until ready, -1 if unknown
     * @param cpuSeconds        CPU time used until the memory was read (after the idle time)
     */
    public record Row(int run, String name, long readyMs, long bootMs, double cpuToReadySeconds, double idleRssMb,
                      double peakRssMb, double cpuSeconds, List<String> jvmOptions) {
    }

    public record Report(PipelineReport.Machine machine, List<String> jvmOptions, boolean oneAtATime, double idleSeconds,
                         List<Row> rows) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteOptions options = options();
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
                    rows.add(new Row(run, p.name(), p.readyAfter().toMillis(), p.bootTime().map(java.time.Duration::toMillis).orElse(-1L),
                            p.cpuAtReady() == null ? -1 : LatencyStats.round(p.cpuAtReady().toMillis() / 1000.0),
                            LatencyStats.round(s.rssKb() / 1024.0), LatencyStats.round(s.hwmKb() / 1024.0), LatencyStats.round(s.cpuSeconds()),
                            java.util.stream.Stream.concat(p.spec().jvmOptions().stream(), p.archiveOptions().stream()).toList()));
                    if (nmt != null) {
                        writeNativeMemory(p, run, err);
                    }
                }
            }
        }
        Report report = new Report(PipelineCommand.machine(date, loadStart), options.jvmOptions(), oneAtATime, idle, rows);
        out.printf("machine: %d cores, %d MB, %s, %s; load average %.1f at start, %.1f at end%n", report.machine().cores(),
                report.machine().memoryMb(), report.machine().jdk(), date, loadStart, report.machine().loadAverageEnd());
        out.printf("harness JVM (broker, API double): %s%n", BenchText.harnessOptions(report.machine()));
        out.printf("JVM options: %s; %s; memory read after %.0f s idle%n", String.join(" ", options.jvmOptions()),
                oneAtATime ? "services started one at a time" : "services started all at once", idle);
        out.printf("  %-4s %-26s %9s %9s %11s %12s %9s %9s%n", "run", "process", "ready ms", "boot ms", "CPU->ready", "idle RSS MB",
                "peak MB", "CPU s");
        for (Row r : rows) {
            out.printf("  %-4d %-26s %9d %9d %11.2f %12.1f %9.1f %9.2f%n", r.run(), r.name(), r.readyMs(), r.bootMs(),
                    r.cpuToReadySeconds(), r.idleRssMb(), r.peakRssMb(), r.cpuSeconds());
        }
        rows.forEach(r -> out.printf("  run %d %s: %s%n", r.run(), r.name(), String.join(" ", r.jvmOptions())));
        out.flush();
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            JSON.writeValue(json.toFile(), report);
            err.println("INFO: report written to " + json);
        }
        return 0;
    }

    /** The suite options of this command: {@code --one-at-a-time} and {@code --nmt} on top of the shared suite arguments. */
    SuiteOptions options() throws java.io.IOException {
        SuiteOptions o = suiteArgs.options(ClusterSpec.generatedNodes(nodes), 1).withOneAtATime(oneAtATime);
        if (nmt != null) {
            List<String> jvm = new ArrayList<>(o.jvmOptions());
            jvm.add(NMT_OPTION);
            o = o.withJvmOptions(jvm);
        }
        return o;
    }

    static final String NMT_OPTION = "-XX:NativeMemoryTracking=summary";

    private void writeNativeMemory(ServiceProcess p, int run, PrintWriter err) throws java.io.IOException, InterruptedException {
        Files.createDirectories(nmt);
        String base = p.name().replace('/', '-') + "-run" + run;
        jcmd(p.pid(), nmt.resolve(base + ".nmt.txt"), "VM.native_memory", "summary");
        jcmd(p.pid(), nmt.resolve(base + ".histo.txt"), "GC.class_histogram");
        List<String> histo = Files.readAllLines(nmt.resolve(base + ".histo.txt"));
        Files.write(nmt.resolve(base + ".histo.txt"), histo.subList(0, Math.min(histo.size(), 45)));
        err.println("INFO: native memory and class histogram of " + p.name() + " in " + nmt.resolve(base + ".*.txt"));
    }

    private static void jcmd(long pid, Path out, String... command) throws java.io.IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!jcmd.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
    }
}
