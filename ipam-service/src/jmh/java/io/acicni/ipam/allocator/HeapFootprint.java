package io.acicni.ipam.allocator;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Heap retained by the allocator state of 5,000 nodes and 150,000 dual-stack pods, after filling and
 * after 1,000,000 W1 churn ops (when quarantine and extra chunks are in play). Run with a small
 * {@code -Xmx} to prove the bound, e.g. {@code -Xmx200m}.
 */
public final class HeapFootprint {

    private HeapFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int nodeCount = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int podCount = args.length > 1 ? Integer.parseInt(args[1]) : 150_000;
        long base = usedAfterGc();
        MutableClock clock = new MutableClock(0);
        IpamAllocator ipam = PodChurnBenchmark.W1State.build(clock);
        PodAllocator pods = ipam.pods();
        String[] nodes = new String[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = "node-" + i;
            pods.addNode(nodes[i]);
        }
        String[] live = new String[podCount];
        for (int i = 0; i < podCount; i++) {
            live[i] = "ns-" + (i % 100) + "/pod-" + i;
            pods.allocatePod(live[i], nodes[i % nodeCount]);
        }
        long filled = usedAfterGc() - base;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            String key = live[random.nextInt(podCount)];
            pods.releasePod(key);
            pods.allocatePod(key, nodes[random.nextInt(nodeCount)]);
            clock.advanceMillis(PodChurnBenchmark.MS_PER_OP);
        }
        long churned = usedAfterGc() - base;
        System.out.printf("nodes=%d pods=%d%n", nodeCount, podCount);
        System.out.printf("heap after fill: %.1f MB (includes the %d pod key strings)%n", filled / 1e6, podCount);
        System.out.printf("heap after 1e6 churn ops: %.1f MB%n", churned / 1e6);
        for (PoolCounters c : ipam.counters()) {
            System.out.printf("  %s %s size=%s used=%d quarantined=%d free=%s onNodes=%d%n", c.pool().configKey(),
                    c.family(), c.size(), c.used(), c.quarantined(), c.free(), pods.addressesOnNodes(c.family()));
        }
        if (live.length == 0 || ipam.pods().podTotal() != podCount) {
            throw new IllegalStateException("state lost");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
