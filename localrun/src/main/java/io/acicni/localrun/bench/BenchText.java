package io.acicni.localrun.bench;

import java.io.PrintWriter;
import java.util.List;

/** The pipeline report as tables on the terminal. */
public final class BenchText {
    private BenchText() {
    }

    static String harnessOptions(PipelineReport.Machine m) {
        return m.harnessJvmOptions() == null || m.harnessJvmOptions().isEmpty() ? "JVM defaults" : String.join(" ", m.harnessJvmOptions());
    }

    public static void print(PipelineReport r, PrintWriter out) {
        PipelineReport.Machine m = r.machine();
        PipelineReport.Parameters p = r.parameters();
        out.printf("machine: %d cores, %d MB, %s, %s; load average %.1f at start, %.1f at end%n", m.cores(), m.memoryMb(),
                m.jdk(), m.date(), m.loadAverageStart(), m.loadAverageEnd());
        out.printf("harness JVM (broker, API double, kubelet, driver): %s%n", harnessOptions(m));
        out.printf("run: %d nodes (%d ep-writer processes, %d nodes each), %d live pods, %s/s offered for %s s, %d API clients%n",
                p.nodes(), p.epWriterProcesses(), p.nodesPerEpWriter(), p.pods(), PipelineBenchmark.fmt(p.rate()),
                PipelineBenchmark.fmt(p.seconds()), p.clients());
        out.printf("timing: %s%n%n", p.timing());
        if (!r.floor().isEmpty()) {
            out.println("floor: Kafka produce -> do-nothing consume on loopback, same broker");
            out.printf("  %-16s %9s %9s %9s %9s %9s %7s%n", "mode", "rate/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "errors");
            for (KafkaFloor.Result f : r.floor()) {
                out.printf("  %-16s %9.0f %9.2f %9.2f %9.2f %9.2f %7d%n", f.mode(), f.achievedRate(), f.latency().p50Ms(),
                        f.latency().p99Ms(), f.latency().p999Ms(), f.latency().maxMs(), f.latency().errors());
            }
            for (KafkaFloor.Result f : r.floor()) {
                if (f.failedTransactions() > 0) {
                    out.printf("  %s: %d transaction(s) failed and were given up (their records are the errors above); last: %s%n",
                            f.mode(), f.failedTransactions(), f.lastFailure());
                }
            }
            out.println();
        }
        out.println("pipeline: pod in API (nodeName set) -> .ep file on the node (create) / file gone (delete)");
        out.printf("  %-18s %-6s %8s %9s %9s %9s %9s %9s %7s %9s%n", "phase", "op", "ops", "rate/s", "p50 ms", "p99 ms",
                "p99.9 ms", "max ms", "errors", "lag p99");
        List<PipelineReport.Phase> phases = new java.util.ArrayList<>();
        if (r.fill() != null) {
            phases.add(r.fill());
        }
        phases.addAll(r.steps());
        for (PipelineReport.Phase ph : phases) {
            row(out, ph.name(), "create", ph.create(), ph.achievedRate(), ph.driverLag());
            if (ph.delete().count() + ph.delete().errors() > 0) {
                row(out, "", "delete", ph.delete(), Double.NaN, null);
                row(out, "", "all", ph.all(), Double.NaN, null);
            }
            if (ph.misplaced() + ph.watchOverflows() + ph.apiErrors() + ph.timeouts() > 0) {
                out.printf("  %-18s API errors %d, timed out %d (of which never sent: %d), files on the wrong node %d, inotify "
                        + "overflows %d%n", "", ph.apiErrors(), ph.timeouts(), ph.notSent(), ph.misplaced(), ph.watchOverflows());
            }
        }
        if (r.sustainableRate() != null || p.findMax()) {
            out.printf("%nsustainable rate (p99 <= %.0f ms, no errors, offered rate achieved): %s%n", p.p99LimitMs(),
                    r.sustainableRate() == null ? "below the first step" : PipelineBenchmark.fmt(r.sustainableRate()) + "/s");
        }
        if (r.finalState() != null) {
            out.printf("%nfinal state (API vs. endpoint directories, after the last step and its drain): %s%n", r.finalState().describe());
        }
        PipelineReport.Phase last = r.steps().isEmpty() ? null : r.steps().get(r.steps().size() - 1);
        if (last != null) {
            out.printf("%nCPU during '%s' (%.1f s; whole machine %.0f %% busy incl. other users):%n", last.name(), last.seconds(),
                    last.machineCpuBusyPercent());
            out.printf("  %-44s %8s %10s %8s%n", "process", "CPU s", "% of core", "RSS MB");
            for (PipelineReport.ProcessCpu c : last.cpu()) {
                out.printf("  %-44s %8.2f %10.1f %8.1f%n", c.name(), c.cpuSeconds(), c.percentOfOneCore(), c.rssMb());
            }
            if (!last.busiestHarnessThreads().isEmpty()) {
                out.printf("  busiest threads of the harness JVM (%% of one core; a thread cannot use more than 100):%n");
                for (PipelineReport.ThreadCpu t : last.busiestHarnessThreads()) {
                    out.printf("    %-58s %6.1f%n", t.name(), t.percentOfOneCore());
                }
            }
        }
        if (!r.processes().isEmpty()) {
            out.printf("%nfootprint (JVM options: %s):%n", String.join(" ", p.jvmOptions()));
            out.printf("  %-44s %9s %12s %12s %9s %7s%n", "process", "ready ms", "RSS start MB", "RSS after MB", "peak MB", "CPU s");
            for (PipelineReport.ProcessFootprint f : r.processes()) {
                out.printf("  %-44s %9s %12.1f %12.1f %9.1f %7.1f%n", f.name(), f.readyMs() == null ? "-" : String.format("%.0f", f.readyMs()),
                        f.rssAfterStartMb(), f.rssAfterBenchMb(), f.peakRssMb(), f.cpuSecondsTotal());
            }
        }
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String phase, String op, LatencyStats.Summary s, double rate, LatencyStats.Summary lag) {
        out.printf("  %-18s %-6s %8d %9s %9.2f %9.2f %9.2f %9.2f %7d %9s%n", phase, op, s.count(),
                Double.isNaN(rate) ? "" : String.format("%.0f", rate), s.p50Ms(), s.p99Ms(), s.p999Ms(), s.maxMs(), s.errors(),
                lag == null ? "" : String.format("%.2f", lag.p99Ms()));
    }
}
