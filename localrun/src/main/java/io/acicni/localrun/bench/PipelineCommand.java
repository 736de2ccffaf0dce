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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Pod churn through the real services (packaged apps as processes), the embedded Kafka broker and the "
                + "Kubernetes API double: time from a pod's create (nodeName set) to its .ep file on the node, and from its "
                + "delete to the file's removal; the Kafka floor; CPU and memory of every process.")
public class PipelineCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    SuiteArgs suiteArgs;

    @Option(names = "--nodes", defaultValue = "100", description = "simulated nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000", description = "live pods, created before the churn (default: ${DEFAULT-VALUE})")
    int pods;

    @Option(names = "--rate", defaultValue = "1000", description = "pod creations + deletions per second, alternating (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of churn (per step with --find-max) (default: ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--find-max", description = "raise the rate step by step until p99 exceeds --p99-limit, an error appears or the offered rate is not achieved")
    boolean findMax;

    @Option(names = "--p99-limit", defaultValue = "100", description = "p99 in ms a sustainable rate keeps (default: ${DEFAULT-VALUE})")
    double p99Limit;

    @Option(names = "--max-rate", defaultValue = "10000", description = "highest rate --find-max tries (default: ${DEFAULT-VALUE})")
    double maxRate;

    @Option(names = "--floor-duration", description = "seconds of each Kafka floor run (default: min(15, --duration); 0 = skip)")
    Double floorSeconds;

    @Option(names = "--nodes-per-ep-writer", description = "simulated nodes per ep-writer process (default: nodes/4 rounded up, so 4 ep-writers)")
    Integer nodesPerEpWriter;

    @Option(names = "--clients", defaultValue = "32", description = "threads sending the API calls (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--drain-timeout", defaultValue = "30", description = "seconds an operation may take before it counts as an error (default: ${DEFAULT-VALUE})")
    long drainTimeout;

    @Option(names = "--final-wait", defaultValue = "180", description = "seconds the endpoint directories may take, after "
            + "the last step and its drain, to match the API's live pods before the run fails (default: ${DEFAULT-VALUE})")
    long finalWait;

    @Option(names = "--settle", defaultValue = "3", description = "seconds between start-up and the first pod (default: ${DEFAULT-VALUE})")
    double settle;

    @Option(names = "--json", paramLabel = "FILE", description = "write the report as JSON")
    Path json;

    @Option(names = "--png", paramLabel = "FILE", description = "write a chart of the latency percentiles per rate (PNG)")
    Path png;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int perWriter = nodesPerEpWriter != null ? nodesPerEpWriter : Math.max(1, (nodes + 3) / 4);
        SuiteOptions options = suiteArgs.options(ClusterSpec.generatedNodes(nodes), perWriter);
        double floor = floorSeconds != null ? floorSeconds : Math.min(15, duration);
        double loadStart = MachineStats.loadAverage();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        LocalSuite suite = LocalSuite.start(options, line -> {
            err.println("INFO: " + line);
            err.flush();
        });
        Thread hook = new Thread(suite::close, "aci-dualstack-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Thread.sleep((long) (settle * 1000));
            PipelineBenchmark bench = new PipelineBenchmark(suite, new PipelineBenchmark.Params(nodes, pods, rate, duration,
                    findMax, p99Limit, maxRate, floor, clients, Duration.ofSeconds(drainTimeout), Duration.ofSeconds(finalWait)),
                    line -> {
                err.println("INFO: " + line);
                err.flush();
            });
            Map<String, ProcStats.Sample> atStart = bench.sampleAll();
            PipelineBenchmark.Result result = bench.run();
            Map<String, ProcStats.Sample> atEnd = bench.sampleAll();
            List<PipelineReport.ProcessFootprint> footprint = footprint(suite, atStart, atEnd);
            int writers = (int) suite.processes().stream().filter(p -> p.name().startsWith("ep-writer")).count();
            PipelineReport report = new PipelineReport(machine(date, loadStart),
                    new PipelineReport.Parameters(nodes, pods, rate, duration, findMax, p99Limit, writers, perWriter, clients,
                            options.jvmOptions(), "pods are created with spec.nodeName set (scheduler bypassed); create: from "
                            + "just before the API create to the .ep file's appearance in the node's endpoint dir (inotify); "
                            + "delete: from just before the API delete to the file's removal"),
                    result.floor(), result.fill(), result.steps(), result.sustainableRate(), result.finalState(), footprint,
                    notes(result));
            BenchText.print(report, out);
            if (json != null) {
                Path parent = json.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                JSON.writeValue(json.toFile(), report);
                err.println("INFO: report written to " + json);
            }
            if (png != null) {
                LatencyChart.write(report, png);
                err.println("INFO: chart written to " + png);
            }
            boolean clean = result.fill().errors() == 0 && result.steps().stream().limit(findMax ? 1 : Long.MAX_VALUE)
                    .allMatch(s -> s.errors() == 0) && result.finalState().agrees();
            return clean ? 0 : 1;
        } finally {
            suite.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
        }
    }

    static List<String> notes(PipelineBenchmark.Result r) {
        List<String> notes = new ArrayList<>();
        for (PipelineReport.Phase p : r.steps()) {
            if (p.achievedRate() < 0.95 * p.offeredRate()) {
                notes.add(p.name() + ": the driver issued only " + Math.round(p.achievedRate()) + "/s of the offered "
                        + Math.round(p.offeredRate()) + "/s");
            }
        }
        notes.addAll(r.timeouts());
        return notes;
    }

    static List<PipelineReport.ProcessFootprint> footprint(LocalSuite suite, Map<String, ProcStats.Sample> atStart,
                                                           Map<String, ProcStats.Sample> atEnd) {
        Map<String, Double> ready = new LinkedHashMap<>();
        for (ServiceProcess p : suite.processes()) {
            ready.put(p.name(), p.readyAfter() == null ? null : (double) p.readyAfter().toMillis());
        }
        List<PipelineReport.ProcessFootprint> out = new ArrayList<>();
        atEnd.forEach((name, end) -> {
            ProcStats.Sample start = atStart.get(name);
            out.add(new PipelineReport.ProcessFootprint(name, end.pid(), ready.get(name),
                    start == null ? 0 : LatencyStats.round(start.rssKb() / 1024.0), LatencyStats.round(end.rssKb() / 1024.0),
                    LatencyStats.round(end.hwmKb() / 1024.0), LatencyStats.round(end.cpuSeconds())));
        });
        return out;
    }

    /** This JVM's options as given (the launcher's defaults and ACI_DUALSTACK_JAVA_OPTS), but its -D properties. */
    static List<String> harnessJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> !a.startsWith("-D")).toList();
    }

    static PipelineReport.Machine machine(String date, double loadStart) {
        long memMb = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memMb = os.getTotalMemorySize() / (1024 * 1024);
        }
        return new PipelineReport.Machine(Runtime.getRuntime().availableProcessors(), memMb,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                date, loadStart, MachineStats.loadAverage(), harnessJvmOptions());
    }
}
