package io.acicni.ipam.allocator;

import java.math.BigInteger;

/**
 * Exact counters of one pool of one family: {@code used + quarantined + free = size}, always.
 * Sizes are BigIntegers because an IPv6 pool may exceed 2^63 addresses.
 *
 * @param pool the pool
 * @param family the family
 * @param size addresses in the pool's ranges
 * @param used addresses held (pods, services, node endpoints)
 * @param quarantined addresses released and resting before reuse
 * @param free addresses available (for the pod pool: in nodes' chunks or not yet chunked)
 */
public record PoolCounters(PoolName pool, IpFamily family, BigInteger size, long used, long quarantined,
        BigInteger free) {
}
