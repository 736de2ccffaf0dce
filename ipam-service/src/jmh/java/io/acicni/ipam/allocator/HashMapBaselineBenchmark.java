package io.acicni.ipam.allocator;

import java.util.HashMap;
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
 * Calibration, not an allocator workload: the cheapest possible "pod churn" — remove a random key
 * of a HashMap holding as many pods as W1 and put a new small record under it. Run next to W1 so
 * that W1's figure can be read against what the machine delivers at that moment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HashMapBaselineBenchmark {
    static final int OPS = 1_000_000;

    @Param({"100000", "150000"})
    public int pods;

    String[] keys;
    HashMap<String, long[]> map;
    SplittableRandom random;

    @Setup(Level.Trial)
    public void fill() {
        keys = new String[pods];
        map = new HashMap<>();
        for (int i = 0; i < pods; i++) {
            keys[i] = "ns-" + (i % 100) + "/pod-" + i;
            map.put(keys[i], new long[2]);
        }
        random = new SplittableRandom(42);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long churn() {
        long sink = 0;
        for (int i = 0; i < OPS; i++) {
            String key = keys[random.nextInt(pods)];
            sink += map.remove(key).length;
            map.put(key, new long[2]);
        }
        return sink;
    }
}
