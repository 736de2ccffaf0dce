package io.acicni.localrun.report;

import io.acicni.localrun.process.ServiceProcess;
import io.acicni.localrun.suite.LocalSuite;
import io.acicni.netconfig.ip.Cidr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Polls a running suite until {@link Convergence} finds nothing pending twice in a row (so a report
 * is not taken in the middle of a burst), a service process dies, or the time runs out.
 */
public final class Converger {
    private final LocalSuite suite;
    private final Convergence convergence;
    private final ReportCollector collector;

    public Converger(LocalSuite suite) {
        this.suite = suite;
        var plan = suite.inputs().validated().plan();
        List<Cidr> subnets = new ArrayList<>(plan.nodeSubnets());
        subnets.addAll(plan.podSubnets());
        this.convergence = new Convergence(plan.podFamilies(), subnets);
        this.collector = new ReportCollector(suite);
    }

    /** The final report; {@code converged == false} with the pending lines when the timeout passed. */
    public SuiteReport await(Duration timeout, Consumer<String> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietPasses = 0;
        List<String> lastPending = List.of();
        long lastPrint = 0;
        while (true) {
            for (ServiceProcess p : suite.processes()) {
                if (!p.isAlive()) {
                    List<String> reason = List.of(p.name() + " exited (see " + p.spec().log() + "):\n" + p.tail(15));
                    return collector.collect(false, reason);
                }
            }
            SuiteReport report = collector.collect(false, null);
            List<String> pending = convergence.pending(report);
            if (pending.isEmpty()) {
                if (++quietPasses >= 2) {
                    return collector.collect(true, List.of());
                }
            } else {
                quietPasses = 0;
                lastPending = pending;
                if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                    progress.accept("converging: " + pending.size() + " pending, e.g. " + pending.get(0));
                    lastPrint = System.nanoTime();
                }
            }
            if (System.nanoTime() > deadline) {
                return collector.collect(false, lastPending);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return collector.collect(false, List.of("interrupted"));
            }
        }
    }

    public Convergence convergence() {
        return convergence;
    }

    public ReportCollector collector() {
        return collector;
    }
}
