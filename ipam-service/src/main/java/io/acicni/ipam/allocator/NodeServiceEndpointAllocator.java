package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service endpoint address per family and node from {@code node-service-ip-pool}: the node's
 * existing annotation address if it is in the pool and free, otherwise the lowest free address.
 */
public final class NodeServiceEndpointAllocator {
    private final Map<IpFamily, FlatPool> pools;
    private final HashMap<String, EnumMap<IpFamily, Address>> nodes = new HashMap<>();
    private final HashMap<Address, String> holders = new HashMap<>();
    private final Readiness readiness;

    NodeServiceEndpointAllocator(Map<IpFamily, FlatPool> pools, Readiness readiness) {
        this.pools = pools;
        this.readiness = readiness;
    }

    /**
     * Gives the node an address in every configured family it lacks, preferring {@code existing}
     * (from its annotation; may be empty). Idempotent.
     *
     * @throws AllocationException NOT_READY before restore finished
     */
    public NodeServiceEndpoint allocate(String node, Map<IpFamily, Address> existing) {
        readiness.check();
        return assign(node, existing, true);
    }

    /** Restore: claims the existing annotation addresses only (no new allocation); conflicts reported. */
    public NodeServiceEndpoint restore(String node, Map<IpFamily, Address> existing) {
        return assign(node, existing, false);
    }

    private NodeServiceEndpoint assign(String node, Map<IpFamily, Address> existing, boolean allocateMissing) {
        pools.values().forEach(FlatPool::expire);
        EnumMap<IpFamily, Address> held = nodes.computeIfAbsent(node, k -> new EnumMap<>(IpFamily.class));
        List<Conflict> conflicts = new ArrayList<>();
        for (Map.Entry<IpFamily, FlatPool> e : pools.entrySet()) {
            IpFamily f = e.getKey();
            FlatPool pool = e.getValue();
            if (held.containsKey(f) || pool.isEmpty()) {
                continue;
            }
            Address wanted = existing == null ? null : existing.get(f);
            if (wanted != null) {
                try {
                    pool.claim(wanted);
                    held.put(f, wanted);
                    holders.put(wanted, node);
                    continue;
                } catch (AllocationException ex) {
                    String holder = holders.get(wanted);
                    conflicts.add(new Conflict(wanted.toString(), ex.error(),
                            holder != null ? "held by node " + holder : ex.getMessage()));
                }
            }
            if (allocateMissing) {
                try {
                    Address a = pool.allocateLowest();
                    held.put(f, a);
                    holders.put(a, node);
                } catch (AllocationException ex) {
                    conflicts.add(new Conflict(f.toString(), ex.error(), ex.getMessage()));
                }
            }
        }
        if (held.isEmpty()) {
            nodes.remove(node);
        }
        return new NodeServiceEndpoint(node, held.get(IpFamily.V4), held.get(IpFamily.V6), conflicts);
    }

    /** Releases the node's addresses into quarantine (node deleted). */
    public List<Address> release(String node) {
        EnumMap<IpFamily, Address> held = nodes.remove(node);
        if (held == null) {
            return List.of();
        }
        List<Address> released = new ArrayList<>(held.values());
        for (Address a : released) {
            pools.get(a.family()).release(a);
            holders.remove(a);
        }
        return released;
    }

    /** The node's current endpoint, or null. */
    public NodeServiceEndpoint endpoint(String node) {
        EnumMap<IpFamily, Address> held = nodes.get(node);
        return held == null ? null : new NodeServiceEndpoint(node, held.get(IpFamily.V4), held.get(IpFamily.V6), List.of());
    }

    FlatPool pool(IpFamily f) {
        return pools.get(f);
    }

    public String holderOf(Address a) {
        return holders.get(a);
    }

    public List<PoolCounters> counters() {
        List<PoolCounters> out = new ArrayList<>();
        pools.forEach((f, p) -> {
            p.expire();
            out.add(IpamAllocator.countersOf(PoolName.NODE_SERVICE, p));
        });
        return out;
    }
}
