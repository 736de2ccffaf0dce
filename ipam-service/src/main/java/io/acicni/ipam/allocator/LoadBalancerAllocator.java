package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LoadBalancer ingress addresses from the dynamic pool ({@code service-ip-pool}) and, for requested
 * addresses only, the static pool ({@code static-service-ip-pool}); one address per family of the
 * service. Differences from Cisco: a family without a request still gets a dynamic address when
 * another family was requested; a static address is always returned to the static pool (P8); an
 * invalid request changes nothing (P9); every release rests in quarantine.
 */
public final class LoadBalancerAllocator {

    private static final class Holding {
        final Address address;
        final boolean isStatic;

        Holding(Address address, boolean isStatic) {
            this.address = address;
            this.isStatic = isStatic;
        }
    }

    private final Map<IpFamily, FlatPool> dynamicPools;
    private final Map<IpFamily, FlatPool> staticPools;
    private final HashMap<String, EnumMap<IpFamily, Holding>> services = new HashMap<>();
    private final HashMap<Address, String> holders = new HashMap<>();
    private final Readiness readiness;

    LoadBalancerAllocator(Map<IpFamily, FlatPool> dynamicPools, Map<IpFamily, FlatPool> staticPools, Readiness readiness) {
        this.dynamicPools = dynamicPools;
        this.staticPools = staticPools;
        this.readiness = readiness;
    }

    /**
     * Allocates, keeps or releases ingress addresses so that the service holds one per requested
     * family (requested static ones where asked). Idempotent: calling again with the same request
     * changes nothing.
     *
     * @throws AllocationException NOT_READY before restore finished
     */
    public LbResult allocate(LbRequest request) {
        readiness.check();
        expireAll();
        Map<IpFamily, Address> requested = new EnumMap<>(IpFamily.class);
        for (Address a : request.requested()) {
            if (requested.put(a.family(), a) != null) {
                return new LbResult(LbOutcome.INVALID_REQUEST, ingress(request.serviceKey()), List.of(new Conflict(
                        request.requested().toString(), AllocationError.INVALID_REQUEST,
                        "more than one requested " + a.family() + " address")));
            }
        }
        EnumMap<IpFamily, Holding> held = services.computeIfAbsent(request.serviceKey(), k -> new EnumMap<>(IpFamily.class));
        List<Conflict> conflicts = new ArrayList<>();
        List<Holding> taken = new ArrayList<>();
        for (IpFamily f : List.copyOf(held.keySet())) {
            if (!request.families().contains(f)) {
                releaseOne(held, f);
            }
        }
        for (Map.Entry<IpFamily, Address> e : requested.entrySet()) {
            if (!request.families().contains(e.getKey())) {
                conflicts.add(new Conflict(e.getValue().toString(), AllocationError.INVALID_REQUEST,
                        "service has no " + e.getKey() + " cluster IP"));
            }
        }
        int satisfied = 0;
        for (IpFamily f : request.families()) {
            Address want = requested.get(f);
            Holding current = held.get(f);
            if (want != null) {
                if (current != null && current.isStatic && current.address.equals(want)) {
                    satisfied++;
                    continue;
                }
                if (current != null) {
                    releaseOne(held, f);
                }
                Holding h = claimStatic(request.serviceKey(), want, conflicts);
                if (h != null) {
                    held.put(f, h);
                    taken.add(h);
                    satisfied++;
                }
            } else {
                if (current != null && current.isStatic) {
                    releaseOne(held, f);
                    current = null;
                }
                if (current == null) {
                    Holding h = allocateDynamic(request.serviceKey(), f, conflicts);
                    if (h != null) {
                        held.put(f, h);
                        taken.add(h);
                    }
                }
            }
        }
        if (request.requireAllFamilies() && !held.keySet().containsAll(request.families())) {
            for (Holding h : taken) {
                poolOf(h).giveBack(h.address, h.address);
                holders.remove(h.address);
                held.values().remove(h);
            }
            for (IpFamily f : List.copyOf(held.keySet())) {
                releaseOne(held, f);
            }
            services.remove(request.serviceKey());
            conflicts.add(new Conflict(request.families().toString(), AllocationError.RANGE_FULL,
                    "RequireDualStack: not every family could get an address, so none is held"));
            return new LbResult(LbOutcome.FAMILIES_NOT_SATISFIED, List.of(), conflicts);
        }
        List<Address> ingress = new ArrayList<>();
        for (IpFamily f : request.families()) {
            Holding h = held.get(f);
            if (h != null) {
                ingress.add(h.address);
            }
        }
        if (held.isEmpty()) {
            services.remove(request.serviceKey());
        }
        LbOutcome outcome;
        if (!requested.isEmpty()) {
            outcome = satisfied == 0 ? LbOutcome.REQUESTED_NOT_ALLOCATABLE
                    : satisfied < requested.size() ? LbOutcome.ONE_NOT_ALLOCATABLE : LbOutcome.SUCCESS;
        } else {
            outcome = ingress.isEmpty() && !request.families().isEmpty() ? LbOutcome.NO_ADDRESSES : LbOutcome.SUCCESS;
        }
        return new LbResult(outcome, ingress, conflicts);
    }

    private Holding claimStatic(String service, Address want, List<Conflict> conflicts) {
        FlatPool pool = staticPools.get(want.family());
        if (pool == null || pool.isEmpty()) {
            conflicts.add(new Conflict(want.toString(), AllocationError.NOT_IN_RANGE,
                    "no " + want.family() + " static service pool"));
            return null;
        }
        try {
            pool.claim(want);
        } catch (AllocationException ex) {
            String holder = holders.get(want);
            conflicts.add(new Conflict(want.toString(), ex.error(),
                    holder != null ? "held by service " + holder : ex.getMessage()));
            return null;
        }
        holders.put(want, service);
        return new Holding(want, true);
    }

    private Holding allocateDynamic(String service, IpFamily f, List<Conflict> conflicts) {
        FlatPool pool = dynamicPools.get(f);
        if (pool == null || pool.isEmpty()) {
            conflicts.add(new Conflict(f.toString(), AllocationError.RANGE_FULL, "no " + f + " service pool"));
            return null;
        }
        try {
            Address a = pool.allocateLowest();
            holders.put(a, service);
            return new Holding(a, false);
        } catch (AllocationException ex) {
            conflicts.add(new Conflict(f.toString(), ex.error(), ex.getMessage()));
            return null;
        }
    }

    private FlatPool poolOf(Holding h) {
        return (h.isStatic ? staticPools : dynamicPools).get(h.address.family());
    }

    private void releaseOne(EnumMap<IpFamily, Holding> held, IpFamily f) {
        Holding h = held.remove(f);
        if (h != null) {
            poolOf(h).release(h.address);
            holders.remove(h.address);
        }
    }

    /**
     * Releases every ingress address of the service (service deleted or no longer LoadBalancer).
     *
     * @return the released addresses (empty if it held none)
     */
    public List<Address> release(String serviceKey) {
        expireAll();
        List<Address> released = ingress(serviceKey);
        EnumMap<IpFamily, Holding> held = services.remove(serviceKey);
        if (held != null) {
            for (IpFamily f : List.copyOf(held.keySet())) {
                releaseOne(held, f);
            }
        }
        return released;
    }

    /**
     * Restore: claims ingress addresses found in {@code status.loadBalancer.ingress} — dynamic if in
     * the dynamic pool, else static if in the static pool; others and duplicates are reported.
     */
    public RestoreReport restore(String serviceKey, List<Address> ingress) {
        expireAll();
        EnumMap<IpFamily, Holding> held = services.computeIfAbsent(serviceKey, k -> new EnumMap<>(IpFamily.class));
        List<String> claimed = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Address a : ingress) {
            Holding current = held.get(a.family());
            if (current != null) {
                if (!current.address.equals(a)) {
                    conflicts.add(new Conflict(a.toString(), AllocationError.INVALID_REQUEST,
                            "service already holds " + a.family() + " " + current.address));
                }
                continue;
            }
            FlatPool dyn = dynamicPools.get(a.family());
            FlatPool stat = staticPools.get(a.family());
            boolean isStatic;
            FlatPool pool;
            if (dyn != null && dyn.inPool(a)) {
                pool = dyn;
                isStatic = false;
            } else if (stat != null && stat.inPool(a)) {
                pool = stat;
                isStatic = true;
            } else {
                conflicts.add(new Conflict(a.toString(), AllocationError.NOT_IN_RANGE, "in no service pool"));
                continue;
            }
            try {
                pool.claim(a);
                holders.put(a, serviceKey);
                held.put(a.family(), new Holding(a, isStatic));
                claimed.add(a.toString());
            } catch (AllocationException ex) {
                String holder = holders.get(a);
                conflicts.add(new Conflict(a.toString(), ex.error(),
                        holder != null ? "held by service " + holder : ex.getMessage()));
            }
        }
        if (held.isEmpty()) {
            services.remove(serviceKey);
        }
        return new RestoreReport(claimed, conflicts);
    }

    /** Ingress addresses held by the service, ordered V4 then V6 (callers reorder to clusterIPs order). */
    public List<Address> ingress(String serviceKey) {
        EnumMap<IpFamily, Holding> held = services.get(serviceKey);
        List<Address> out = new ArrayList<>();
        if (held != null) {
            for (Holding h : held.values()) {
                out.add(h.address);
            }
        }
        return out;
    }

    /** True if the service's address of this family came from the static pool. */
    public boolean isStatic(String serviceKey, IpFamily family) {
        EnumMap<IpFamily, Holding> held = services.get(serviceKey);
        Holding h = held == null ? null : held.get(family);
        return h != null && h.isStatic;
    }

    /** Service holding the address, or null. */
    public String holderOf(Address a) {
        return holders.get(a);
    }

    FlatPool dynamicPool(IpFamily f) {
        return dynamicPools.get(f);
    }

    FlatPool staticPool(IpFamily f) {
        return staticPools.get(f);
    }

    private void expireAll() {
        dynamicPools.values().forEach(FlatPool::expire);
        staticPools.values().forEach(FlatPool::expire);
    }

    /** Exact counters of the dynamic and static pools per family. */
    public List<PoolCounters> counters() {
        expireAll();
        List<PoolCounters> out = new ArrayList<>();
        dynamicPools.forEach((f, p) -> out.add(IpamAllocator.countersOf(PoolName.SERVICE, p)));
        staticPools.forEach((f, p) -> out.add(IpamAllocator.countersOf(PoolName.STATIC_SERVICE, p)));
        return out;
    }
}
