package io.acicni.ipam.allocator;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1: nodes with chunk 32 over 10.128.0.0/10 + 2001:fb8:42::/56, dual-stack pods filled round-robin,
 * then churn: release a random live pod (both families), allocate a new pod on a random node (which
 * takes a chunk when the node runs short). One op = one release + one allocation. The simulated
 * clock moves 5 ms per op (200 pod replacements per second) against a 30 s quarantine, so about
 * 6,000 addresses per family are always resting and idle chunks flow back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PodChurnBenchmark {
    static final int OPS = 1_000_000;
    static final long MS_PER_OP = 5;

    /** nodes:pods */
    @Param({"1000:100000", "5000:150000"})
    public String shape;

    MutableClock clock;
    PodAllocator pods;
    String[] nodes;
    /** Node handles, as a service keeps them next to its node cache. */
    NodeState[] nodeHandles;
    /** The allocation handle of every live pod, as a service keeps it in its pod cache. */
    PodAllocation[] live;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void fill() {
        String[] parts = shape.split(":");
        int nodeCount = Integer.parseInt(parts[0]);
        int podCount = Integer.parseInt(parts[1]);
        clock = new MutableClock(0);
        IpamAllocator ipam = W1State.build(clock);
        pods = ipam.pods();
        nodes = new String[nodeCount];
        nodeHandles = new NodeState[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            nodes[i] = "node-" + i;
            pods.addNode(nodes[i]);
            nodeHandles[i] = pods.node(nodes[i]);
        }
        live = new PodAllocation[podCount];
        for (int i = 0; i < podCount; i++) {
            live[i] = pods.allocatePod("ns-" + (i % 100) + "/pod-" + i, nodes[i % nodeCount]);
        }
        random = new SplittableRandom(42);
    }

    /**
     * One op, the way a service holding each live pod's allocation handle and each node's handle
     * drives the allocator: release the pod by its handle, allocate the re-created pod (same key, like
     * a StatefulSet pod, so that the harness creates no strings) on a random node by the node's
     * handle. The allocator still indexes the new pod by key (duplicate check, {@code pod(key)}).
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churn() {
        long sink = 0;
        PodAllocation[] live = this.live;
        NodeState[] nodeHandles = this.nodeHandles;
        for (int i = 0; i < OPS; i++) {
            int idx = random.nextInt(live.length);
            PodAllocation old = pods.releasePod(live[idx]);
            PodAllocation pa = pods.allocatePod(old.podKey(), nodeHandles[random.nextInt(nodeHandles.length)]);
            live[idx] = pa;
            sink += pa.lo(0);
            clock.advanceMillis(MS_PER_OP);
        }
        return sink;
    }

    /**
     * The same op through the name-keyed API only (release by pod key, allocate by node name): what a
     * caller that keeps no handles pays. Reported for comparison with the figures before handles.
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churnByKey() {
        long sink = 0;
        PodAllocation[] live = this.live;
        for (int i = 0; i < OPS; i++) {
            int idx = random.nextInt(live.length);
            String key = live[idx].podKey();
            pods.releasePod(key);
            PodAllocation pa = pods.allocatePod(key, nodes[random.nextInt(nodes.length)]);
            live[idx] = pa;
            sink += pa.lo(0);
            clock.advanceMillis(MS_PER_OP);
        }
        return sink;
    }

    /** Shared construction for W1 and the heap measurement. */
    static final class W1State {
        static IpamAllocator build(MutableClock clock) {
            IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder()
                    .podRange("10.128.0.0/10").podRange("2001:fb8:42::/56")
                    .chunkSize(32).quarantine(Duration.ofSeconds(30)).clock(clock).build());
            ipam.markReady();
            return ipam;
        }
    }
}
