package io.acicni.ipam.engine;

import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.PoolName;

import java.util.HashMap;
import java.util.Map;

/**
 * Allocation results counted by the engine, per pool, family and result: one per address handed
 * out ({@code SUCCESS}) and one per family an attempt could not serve ({@code REFUSED}). Like the
 * engine, used from the allocation loop's thread only; {@link #snapshot()} is what the metrics read.
 */
public final class AllocationTally {

    public enum Result {
        SUCCESS, REFUSED;

        /** The label value: {@code success}, {@code refused}. */
        public String label() {
            return name().toLowerCase();
        }
    }

    /** One series: pool, family and result. */
    public record Key(PoolName pool, IpFamily family, Result result) {
    }

    private final Map<Key, Long> counts = new HashMap<>();

    void add(PoolName pool, IpFamily family, Result result) {
        counts.merge(new Key(pool, family, result), 1L, Long::sum);
    }

    /** The count of one series (0 when never counted). */
    public long count(PoolName pool, IpFamily family, Result result) {
        return counts.getOrDefault(new Key(pool, family, result), 0L);
    }

    /** A copy of every series counted so far. */
    public Map<Key, Long> snapshot() {
        return Map.copyOf(counts);
    }
}
