package io.acicni.localrun.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.acicni.localrun.process.ServiceProcess;
import io.acicni.localrun.report.Converger;
import io.acicni.localrun.report.ReportText;
import io.acicni.localrun.report.SuiteReport;
import io.acicni.localrun.suite.ClusterSpec;
import io.acicni.localrun.suite.LocalSuite;
import io.acicni.localrun.suite.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code aci-dualstack up}: the whole suite on this machine, a report when it converged. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts the embedded Kafka broker, the Kubernetes API double, the APIC emulator and the services "
                + "(ipam-service, apic-sync-service, one ep-writer-service per simulated node) as processes, loads a "
                + "cluster, waits until everything converged and prints a report. Runs until Ctrl-C; with --once it "
                + "stops after the report.")
public class UpCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "INPUT.yaml",
            description = "acc-provision input file (default: the seed's example dual-stack net_config)")
    Path input;

    @Option(names = {"-f", "--flavor"}, defaultValue = "kubernetes-1.35", description = "flavor to validate the input with (default: ${DEFAULT-VALUE})")
    String flavor;

    @Option(names = "--cluster", paramLabel = "FILE.yaml",
            description = "multi-document YAML of Nodes, Namespaces, Pods, Services, applied in order (default: the sample cluster)")
    Path cluster;

    @Mixin
    SuiteArgs suiteArgs;

    @Option(names = "--once", description = "stop everything after the report; exit 0 when converged, 1 otherwise")
    boolean once;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the report as JSON")
    Path report;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "how long convergence may take (default: ${DEFAULT-VALUE} s)")
    long timeoutSeconds;

    @Option(names = "--nodes-per-ep-writer", defaultValue = "1", description = "simulated nodes served by one ep-writer process (default: ${DEFAULT-VALUE})")
    int nodesPerEpWriter;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteOptions options = options();
        long started = System.nanoTime();
        LocalSuite suite = LocalSuite.create(options, line -> {
            err.println("INFO: " + line);
            err.flush();
        });
        Thread hook = new Thread(suite::close, "aci-dualstack-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            suite.start();
            SuiteReport result = new Converger(suite).await(Duration.ofSeconds(timeoutSeconds), line -> {
                err.println("INFO: " + line);
                err.flush();
            });
            out.printf("aci-dualstack up: %s after %.1f s%n%n", result.converged() ? "converged" : "did not converge",
                    (System.nanoTime() - started) / 1e9);
            ReportText.print(result, out);
            if (report != null) {
                Path parent = report.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                JSON.writeValue(report.toFile(), result);
                err.println("INFO: report written to " + report);
            }
            if (once) {
                if (!result.converged()) {
                    err.println("ERR:  did not converge within " + timeoutSeconds + " s: "
                            + (result.pending() == null || result.pending().isEmpty() ? "unknown" : result.pending().get(0)));
                }
                return result.converged() ? 0 : 1;
            }
            printUrls(suite, out);
            new CountDownLatch(1).await();
            return 0;
        } finally {
            suite.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
        }
    }

    SuiteOptions options() throws IOException {
        SuiteOptions o = suiteArgs.options(cluster == null ? ClusterSpec.sample() : ClusterSpec.file(cluster), nodesPerEpWriter);
        return new SuiteOptions(o.home(), o.var(), input, flavor, o.cluster(), o.nodesPerEpWriter(), o.jvmOptions(),
                o.readyTimeout(), o.extraProperties(), o.oneAtATime());
    }

    private static void printUrls(LocalSuite suite, PrintWriter out) {
        out.println();
        out.println("RUNNING — Ctrl-C stops every process");
        out.printf("  Kafka          %s%n", suite.kafka().bootstrapServers());
        out.printf("  Kubernetes API %s   (KUBECONFIG=%s)%n", suite.kube().url(), suite.layout().kubeconfig());
        out.printf("  APIC emulator  %s   (user admin, password in %s)%n", suite.apic().url(), suite.layout().apicPassword());
        for (ServiceProcess p : suite.processes()) {
            String base = p.baseUrl().toString();
            String rest = p.name().startsWith("ipam") ? "  REST " + base + "/ipam/pools"
                    : p.name().startsWith("ep-writer") ? "  REST " + base + "/diagnostics" : "";
            out.printf("  %-22s health %s/q/health  metrics %s/q/metrics%s  log %s%n", p.name(), base, base, rest, p.spec().log());
        }
        java.nio.file.Path defaultVar = suite.layout().home().resolve("var");
        String local = suite.layout().var().equals(defaultVar) ? "" : " --local " + suite.layout().var();
        out.println("  Try: ./aci-dualstack validate" + local + "    ./aci-dualstack diagnose pod web/web-1" + local
                + "    ./aci-dualstack audit" + local);
        out.flush();
    }
}
