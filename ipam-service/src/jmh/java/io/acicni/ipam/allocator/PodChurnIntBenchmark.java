package io.acicni.ipam.allocator;

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
 * W1 on the int fast path ({@link PodAllocator#allocatePod(int)}, {@link PodAllocator#releasePod(int)}):
 * the same pools, chunk, fill, clock (5 ms per op, 30 s quarantine) and op as
 * {@link PodChurnBenchmark} — release a random live pod (both families), allocate a new pod on a
 * random node — with a harness that costs next to nothing: the random indices are pre-generated
 * (xorshift) into {@code int[]}s at setup, live pods are {@code int} ids in an {@code int[]}, nodes
 * are {@code int} ids. Per op the harness reads two sequential ints, one random int of
 * {@code live[]} (400–600 KB) and writes it back; the allocator allocates nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PodChurnIntBenchmark {
    static final int OPS = PodChurnBenchmark.OPS;

    /** nodes:pods */
    @Param({"1000:100000", "5000:150000"})
    public String shape;

    MutableClock clock;
    PodAllocator pods;
    int[] nodeIds;
    int[] live;
    /** Pre-generated per op: index into live[], index into nodeIds[]. */
    int[] liveIdx;
    int[] nodeIdx;
    /** Which slice of the pre-generated indices the next invocation uses (they differ per round). */
    int round;
    static final int SLICES = 4;

    @Setup(Level.Trial)
    public void fill() {
        String[] parts = shape.split(":");
        int nodeCount = Integer.parseInt(parts[0]);
        int podCount = Integer.parseInt(parts[1]);
        clock = new MutableClock(0);
        IpamAllocator ipam = PodChurnBenchmark.W1State.build(clock);
        pods = ipam.pods();
        nodeIds = new int[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            String name = "node-" + i;
            pods.addNode(name);
            nodeIds[i] = pods.nodeId(name);
        }
        live = new int[podCount];
        for (int i = 0; i < podCount; i++) {
            live[i] = pods.allocatePod(nodeIds[i % nodeCount]);
        }
        liveIdx = new int[SLICES * OPS];
        nodeIdx = new int[SLICES * OPS];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < liveIdx.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            liveIdx[i] = (int) ((x >>> 32) % podCount);
            nodeIdx[i] = (int) ((x & 0xFFFF_FFFFL) % nodeCount);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churn() {
        PodAllocator pods = this.pods;
        MutableClock clock = this.clock;
        int[] live = this.live;
        int[] nodeIds = this.nodeIds;
        int[] liveIdx = this.liveIdx;
        int[] nodeIdx = this.nodeIdx;
        int base = (round++ % SLICES) * OPS;
        long sink = 0;
        for (int i = base; i < base + OPS; i++) {
            int idx = liveIdx[i];
            pods.releasePod(live[idx]);
            int id = pods.allocatePod(nodeIds[nodeIdx[i]]);
            live[idx] = id;
            sink += id;
            clock.advanceMillis(PodChurnBenchmark.MS_PER_OP);
        }
        return sink;
    }

    /** The same op plus reading the new pod's v4 and v6 address as primitives (what a CNI reply needs). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churnReadAddresses() {
        PodAllocator pods = this.pods;
        MutableClock clock = this.clock;
        int[] live = this.live;
        int[] nodeIds = this.nodeIds;
        int[] liveIdx = this.liveIdx;
        int[] nodeIdx = this.nodeIdx;
        int base = (round++ % SLICES) * OPS;
        long sink = 0;
        for (int i = base; i < base + OPS; i++) {
            int idx = liveIdx[i];
            pods.releasePod(live[idx]);
            int id = pods.allocatePod(nodeIds[nodeIdx[i]]);
            live[idx] = id;
            sink += pods.podV4(id) + pods.podV6Lo(id);
            clock.advanceMillis(PodChurnBenchmark.MS_PER_OP);
        }
        return sink;
    }
}
