package io.acicni.localrun.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of each thread of this JVM (the harness: broker, API double, kubelet, driver), from
 * {@link ThreadMXBean}, with the threads' full names. A phase reports its busiest threads because one
 * thread can cap the whole benchmark while the machine still has CPU to spare: the API double (fabric8's
 * mock server) serves every request and watch on one Vert.x event loop.
 */
final class HarnessThreads {
    /** CPU nanoseconds and name of each live thread, by thread id. */
    record Sample(Map<Long, Long> cpuNanos, Map<Long, String> names) {
    }

    private HarnessThreads() {
    }

    /** Now; empty when the JVM does not measure thread CPU time. */
    static Sample sample() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return new Sample(cpu, names);
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = threads.getThreadCpuTime(ids[i]);
            if (nanos >= 0 && infos[i] != null) {
                cpu.put(ids[i], nanos);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new Sample(cpu, names);
    }

    /**
     * The {@code limit} threads that used the most CPU between the samples, as a share of one core over
     * {@code wallSeconds}; a thread started in between counts from zero, one that ended is not seen.
     */
    static List<PipelineReport.ThreadCpu> busiest(Sample before, Sample after, double wallSeconds, int limit) {
        List<PipelineReport.ThreadCpu> out = new ArrayList<>();
        after.cpuNanos().forEach((id, nanos) -> {
            long used = nanos - before.cpuNanos().getOrDefault(id, 0L);
            if (used > 0) {
                out.add(new PipelineReport.ThreadCpu(after.names().get(id), LatencyStats.round(100 * used / 1e9 / wallSeconds)));
            }
        });
        out.sort(Comparator.comparingDouble(PipelineReport.ThreadCpu::percentOfOneCore).reversed());
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }
}
