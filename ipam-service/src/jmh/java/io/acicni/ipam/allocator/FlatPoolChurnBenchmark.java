package io.acicni.ipam.allocator;

import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2: one 10.0.0.0/16 pool and one 2001:fb8:42::/56 pool (the flat pools behind LB, node service and
 * the pod pool's global side), 50,000 live v4+v6 pairs, then churn without nodes: release a random
 * pair (both families), allocate a new pair (lowest free, both or none). Same clock as W1: 5 ms per
 * op, 30 s quarantine, so about 6,000 addresses per family rest at any time and free space is
 * fragmented by random releases — the case where a sorted free list degrades.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FlatPoolChurnBenchmark {
    static final int OPS = 1_000_000;
    static final int PAIRS = 50_000;
    static final long MS_PER_OP = 5;
    static final long QUARANTINE_MS = 30_000;

    MutableClock clock;
    FlatPool v4;
    FlatPool v6;
    Address[] live4;
    Address[] live6;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void fill() {
        clock = new MutableClock(0);
        MonotonicMillis millis = new MonotonicMillis(clock);
        v4 = new FlatPool(IpFamily.V4, List.of(AddressRange.ofCidr("10.0.0.0/16")), QUARANTINE_MS, millis);
        v6 = new FlatPool(IpFamily.V6, List.of(AddressRange.ofCidr("2001:fb8:42::/56")), QUARANTINE_MS, millis);
        live4 = new Address[PAIRS];
        live6 = new Address[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            live4[i] = v4.allocateLowest();
            live6[i] = v6.allocateLowest();
        }
        random = new SplittableRandom(42);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churn() {
        long sink = 0;
        for (int i = 0; i < OPS; i++) {
            int idx = random.nextInt(PAIRS);
            v4.release(live4[idx]);
            v6.release(live6[idx]);
            Address a4 = v4.allocateLowest();
            Address a6;
            try {
                a6 = v6.allocateLowest();
            } catch (AllocationException e) {
                v4.giveBack(a4, a4);
                throw e;
            }
            live4[idx] = a4;
            live6[idx] = a6;
            sink += a4.lo() ^ a6.lo();
            clock.advanceMillis(MS_PER_OP);
        }
        return sink;
    }
}
