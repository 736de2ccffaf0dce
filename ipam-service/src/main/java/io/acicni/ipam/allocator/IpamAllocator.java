package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator core: every pool of the cluster, per family, behind one readiness gate. Plain Java,
 * single-threaded (see package documentation).
 */
public final class IpamAllocator {
    private final AllocatorConfig config;
    private final Readiness readiness = new Readiness();
    private final PodAllocator pods;
    private final LoadBalancerAllocator loadBalancers;
    private final NodeServiceEndpointAllocator nodeServiceEndpoints;

    public IpamAllocator(AllocatorConfig config) {
        this.config = config;
        MonotonicMillis clock = new MonotonicMillis(config.clock());
        long q = config.quarantine().toMillis();
        checkNoOverlap(config);
        this.pods = new PodAllocator(config.podFamilies(), byFamily(config.podPool()), config.chunkSize(), q, clock, readiness);
        this.loadBalancers = new LoadBalancerAllocator(pools(config.servicePool(), q, clock),
                pools(config.staticServicePool(), q, clock), readiness);
        this.nodeServiceEndpoints = new NodeServiceEndpointAllocator(pools(config.nodeServicePool(), q, clock), readiness);
    }

    private static Map<IpFamily, List<AddressRange>> byFamily(List<AddressRange> ranges) {
        Map<IpFamily, List<AddressRange>> out = new EnumMap<>(IpFamily.class);
        for (AddressRange r : ranges) {
            out.computeIfAbsent(r.family(), f -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static Map<IpFamily, FlatPool> pools(List<AddressRange> ranges, long q, MonotonicMillis clock) {
        Map<IpFamily, FlatPool> out = new EnumMap<>(IpFamily.class);
        byFamily(ranges).forEach((f, rs) -> out.put(f, new FlatPool(f, rs, q, clock)));
        return out;
    }

    /** Pools of different purposes must not share an address: an address has one owner. */
    private static void checkNoOverlap(AllocatorConfig c) {
        List<List<AddressRange>> all = List.of(c.podPool(), c.servicePool(), c.staticServicePool(), c.nodeServicePool());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                for (AddressRange a : all.get(i)) {
                    for (AddressRange b : all.get(j)) {
                        if (a.family() == b.family() && a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0) {
                            throw new IllegalArgumentException("pools overlap: " + a + " and " + b);
                        }
                    }
                }
            }
        }
    }

    static PoolCounters countersOf(PoolName name, FlatPool p) {
        return new PoolCounters(name, p.family(), p.size(), p.out(), p.quarantinedCount(), p.freeCount());
    }

    public AllocatorConfig config() {
        return config;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Restore finished: allocations may start. */
    public void markReady() {
        readiness.markReady();
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    public PodAllocator pods() {
        return pods;
    }

    public LoadBalancerAllocator loadBalancers() {
        return loadBalancers;
    }

    public NodeServiceEndpointAllocator nodeServiceEndpoints() {
        return nodeServiceEndpoints;
    }

    /** Expires quarantine and reclaims idle chunks now (call from a periodic timer). */
    public void maintain() {
        pods.maintain();
        loadBalancers.counters();
        nodeServiceEndpoints.counters();
    }

    /** Exact counters of every configured pool and family ({@code GET /ipam/pools}). */
    public List<PoolCounters> counters() {
        List<PoolCounters> out = new ArrayList<>(pods.counters());
        out.addAll(loadBalancers.counters());
        out.addAll(nodeServiceEndpoints.counters());
        return out;
    }

    /** Sum of free addresses over the pod pool of a family (exact, BigInteger; edge use). */
    public BigInteger podFree(IpFamily family) {
        for (PoolCounters c : pods.counters()) {
            if (c.family() == family) {
                return c.free();
            }
        }
        return BigInteger.ZERO;
    }
}
