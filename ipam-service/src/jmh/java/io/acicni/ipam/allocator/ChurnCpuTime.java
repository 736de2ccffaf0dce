package io.acicni.ipam.allocator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Supplement to the JMH runs for a shared, overloaded machine: runs the same W1/W2/baseline loops
 * (10^6 ops per round) and reports both wall-clock and this thread's CPU time per op. CPU time does
 * not count the time the thread waited for a core, so it moves much less with other tenants' load
 * (cache pollution still counts).
 */
public final class ChurnCpuTime {

    private ChurnCpuTime() {
    }

    /** Arguments: rounds (default 5), then optionally a substring that selects loops by name. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        for (String shape : new String[] {"1000:100000", "5000:150000"}) {
            if (("W1 int " + shape).contains(only)) {
                PodChurnIntBenchmark w1 = new PodChurnIntBenchmark();
                w1.shape = shape;
                w1.fill();
                measure("W1 int " + shape, rounds, w1::churn);
            }
            if (("W1 int+addr " + shape).contains(only)) {
                PodChurnIntBenchmark w1 = new PodChurnIntBenchmark();
                w1.shape = shape;
                w1.fill();
                measure("W1 int+addr " + shape, rounds, w1::churnReadAddresses);
            }
            if (("W1 " + shape).contains(only)) {
                PodChurnBenchmark w1 = new PodChurnBenchmark();
                w1.shape = shape;
                w1.fill();
                measure("W1 " + shape, rounds, w1::churn);
            }
            if (("W1 by key " + shape).contains(only)) {
                PodChurnBenchmark byKey = new PodChurnBenchmark();
                byKey.shape = shape;
                byKey.fill();
                measure("W1 by key " + shape, rounds, byKey::churnByKey);
            }
        }
        if ("W2".contains(only)) {
            FlatPoolChurnBenchmark w2 = new FlatPoolChurnBenchmark();
            w2.fill();
            measure("W2 /16+/56 50000 pairs", rounds, w2::churn);
        }
        for (int pods : new int[] {100_000, 150_000}) {
            if (("HashMap baseline " + pods).contains(only)) {
                HashMapBaselineBenchmark base = new HashMapBaselineBenchmark();
                base.pods = pods;
                base.fill();
                measure("HashMap baseline " + pods, rounds, base::churn);
            }
        }
    }

    private static void measure(String name, int rounds, LongSupplier churn) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double bestCpu = Double.MAX_VALUE;
        double bestWall = Double.MAX_VALUE;
        StringBuilder all = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            sink += churn.getAsLong();
            double wall = (System.nanoTime() - wall0) / 1e6;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            all.append(String.format(" [%.0f wall / %.0f cpu]", wall, cpu));
            if (r > 0) {
                bestCpu = Math.min(bestCpu, cpu);
                bestWall = Math.min(bestWall, wall);
            }
        }
        System.out.printf("%-28s best of rounds 2..%d: %.0f ns/op wall, %.0f ns/op cpu;%s (sink %d)%n",
                name, rounds, bestWall, bestCpu, all, sink & 1);
    }
}
