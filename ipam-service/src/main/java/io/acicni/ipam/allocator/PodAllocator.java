package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Node pod ranges and pod addresses, dual-stack: one {@link PodPool} per configured family, in the
 * cluster's primary-family order.
 *
 * <ul>
 *   <li>Chunks: a node gets {@code chunkSize} addresses per family, all or nothing, whenever its pods
 *       (counting the one being placed) exceed its addresses minus half a chunk (Cisco's rule), and
 *       also when every remaining address of a family is resting in quarantine.</li>
 *   <li>Pods: one address per family from the node's ranges, lowest free first, both or none.</li>
 *   <li>Release: into a time-based quarantine; beyond it the address is free again.</li>
 *   <li>Reclamation (beyond Cisco): idle blocks beyond two chunks' worth flow back to the pool.</li>
 * </ul>
 * Allocate and release cost O(1) bit operations plus a hash probe (none for release by handle);
 * chunk moves O(log r + blocks).
 */
public final class PodAllocator {
    private final List<IpFamily> families;
    private final PodPool[] pools;
    private final HashMap<String, NodeState> nodes = new HashMap<>();
    private final PodIndex pods = new PodIndex();
    private final Readiness readiness;
    private final MonotonicMillis clock;
    private final long quarantineMillis;
    /** Clock reading of the last {@link #maintain()} that ran. */
    private long maintainedAt = Long.MIN_VALUE;

    PodAllocator(List<IpFamily> families, Map<IpFamily, List<AddressRange>> ranges, int chunkSize,
            long quarantineMillis, MonotonicMillis clock, Readiness readiness) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.families = List.copyOf(families);
        this.pools = new PodPool[families.size()];
        for (int i = 0; i < pools.length; i++) {
            IpFamily f = families.get(i);
            pools[i] = new PodPool(f, ranges.getOrDefault(f, List.of()), chunkSize, quarantineMillis, clock);
        }
        this.readiness = readiness;
        this.clock = clock;
        this.quarantineMillis = quarantineMillis;
    }

    /** Configured pod families, primary first. */
    public List<IpFamily> families() {
        return families;
    }

    private int slot(IpFamily family) {
        return families.indexOf(family);
    }

    /**
     * Frees rested addresses and reclaims idle chunks; every operation also does this lazily. Runs at
     * most once per clock millisecond: with a positive quarantine nothing released, idled or granted
     * at time t can fall due before t + 1, so a second pass at the same reading has nothing to do.
     */
    public void maintain() {
        long now = clock.now();
        if (now == maintainedAt && quarantineMillis > 0) {
            return;
        }
        maintainedAt = now;
        for (PodPool p : pools) {
            p.maintain(now);
        }
    }

    /**
     * Registers a node (idempotent) and applies the chunk rule: a new node gets one chunk per family.
     * A family whose pool cannot supply a chunk is left without (retried on the next call/pod).
     *
     * @return the node's ranges per family
     */
    public Map<IpFamily, List<AddressRange>> addNode(String node) {
        readiness.check();
        maintain();
        NodeState n = nodes.computeIfAbsent(node, k -> new NodeState(this, k, pools.length));
        for (int i = 0; i < pools.length; i++) {
            applyChunkRule(n, i, n.pods);
        }
        return nodeRanges(node);
    }

    private void applyChunkRule(NodeState n, int i, int podCount) {
        NodeFamilyRanges r = n.ranges[i];
        long threshold = r.addresses - pools[i].chunkSize() / 2;
        if (podCount > threshold) {
            pools[i].grantChunk(r, "chunk rule: pods > addresses - chunk/2");
        }
    }

    /**
     * Allocates one address per family for a pod on its node, primary family first, both or none.
     * Idempotent for a pod already placed on the same node.
     *
     * @throws AllocationException NOT_READY, UNKNOWN_NODE, ALREADY_ALLOCATED (pod key on another node),
     *     RANGE_FULL (a family has no free address even after asking for a chunk; nothing is kept)
     */
    public PodAllocation allocatePod(String podKey, String node) {
        readiness.check();
        maintain();
        NodeState n = nodes.get(node);
        if (n == null) {
            throw new AllocationException(AllocationError.UNKNOWN_NODE, "node " + node + " not known");
        }
        return allocateOn(podKey, n);
    }

    /**
     * {@link #allocatePod(String, String)} on a node handle from {@link #node(String)}: the same rules
     * and errors, without looking the node up by name. A stale handle (node removed, or from another
     * allocator) is UNKNOWN_NODE.
     */
    public PodAllocation allocatePod(String podKey, NodeState node) {
        readiness.check();
        maintain();
        if (node == null || node.owner != this || node.removed) {
            throw new AllocationException(AllocationError.UNKNOWN_NODE, "node " + node + " not known");
        }
        return allocateOn(podKey, node);
    }

    private PodAllocation allocateOn(String podKey, NodeState n) {
        int hash = PodIndex.hashOf(podKey);
        PodAllocation existing = pods.get(podKey, hash);
        if (existing != null) {
            if (existing.node == n) {
                return existing;
            }
            throw new AllocationException(AllocationError.ALREADY_ALLOCATED,
                    "pod " + podKey + " holds addresses on node " + existing.node());
        }
        PodAllocation pa = new PodAllocation(this, podKey, hash, n, families);
        int podsAfter = n.pods + 1;
        for (int i = 0; i < pools.length; i++) {
            PodPool pool = pools[i];
            NodeFamilyRanges r = n.ranges[i];
            applyChunkRule(n, i, podsAfter);
            if (!pool.allocateOn(r, pa, i)
                    && !(pool.grantChunk(r, "no free address on node (quarantine pressure)") && pool.allocateOn(r, pa, i))) {
                for (int j = 0; j < i; j++) {
                    pools[j].undo(pa.block(j), pa.bit(j));
                }
                throw new AllocationException(AllocationError.RANGE_FULL,
                        "no free " + pool.family() + " pod address for node " + n.name);
            }
        }
        pods.insert(pa);
        n.pods = podsAfter;
        return pa;
    }

    /**
     * Releases every address of a pod into quarantine.
     *
     * @return the released allocation
     * @throws AllocationException NOT_ALLOCATED if the pod holds nothing
     */
    public PodAllocation releasePod(String podKey) {
        maintain();
        PodAllocation pa = pods.get(podKey);
        if (pa == null) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED, "pod " + podKey + " holds no address");
        }
        return release(pa);
    }

    /**
     * {@link #releasePod(String)} by the handle {@link #allocatePod} or {@link #restorePod} returned:
     * the same effect, without a lookup by key (the handle knows its index slot, blocks and bits).
     *
     * @return the released allocation (the same object, now {@linkplain PodAllocation#isHeld() not held})
     * @throws AllocationException NOT_ALLOCATED if the handle is no longer held (released already, or
     *     released with its node) or comes from another allocator
     */
    public PodAllocation releasePod(PodAllocation allocation) {
        maintain();
        if (allocation == null || allocation.owner != this || !allocation.isHeld()) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED,
                    "pod " + (allocation == null ? null : allocation.podKey()) + " holds no address");
        }
        return release(allocation);
    }

    private PodAllocation release(PodAllocation pa) {
        pods.remove(pa);
        long now = maintainedAt;
        for (int i = 0; i < pools.length; i++) {
            Block b = pa.block(i);
            if (b != null) {
                pools[i].release(b, pa.bit(i), now);
            }
        }
        pa.node.pods--;
        return pa;
    }

    /**
     * Restore: claims a node's ranges from its existing annotation, before anything is allocated.
     * Parts outside the pool or held by another node are reported, not taken.
     */
    public RestoreReport restoreNodeRanges(String node, List<AddressRange> ranges) {
        maintain();
        NodeState n = nodes.computeIfAbsent(node, k -> new NodeState(this, k, pools.length));
        List<Conflict> conflicts = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        for (AddressRange range : ranges) {
            int i = slot(range.family());
            if (i < 0) {
                conflicts.add(new Conflict(range.toString(), AllocationError.NOT_IN_RANGE,
                        "no " + range.family() + " pod pool configured"));
                continue;
            }
            int before = conflicts.size();
            pools[i].claimForNode(n.ranges[i], range, conflicts);
            if (conflicts.size() == before) {
                claimed.add(range.toString());
            }
        }
        return new RestoreReport(claimed, conflicts);
    }

    /**
     * Restore: claims a running pod's addresses (from {@code status.podIPs}) on its node, both or
     * none. Addresses outside the node's ranges, duplicates and quarantined addresses are reported.
     */
    public RestoreReport restorePod(String podKey, String node, List<Address> addresses) {
        maintain();
        List<Conflict> conflicts = new ArrayList<>();
        NodeState n = nodes.get(node);
        if (n == null) {
            conflicts.add(new Conflict(podKey, AllocationError.UNKNOWN_NODE, "node " + node + " not known"));
            return new RestoreReport(List.of(), conflicts);
        }
        PodAllocation existing = pods.get(podKey);
        if (existing != null) {
            if (existing.node == n && Set.copyOf(existing.addresses()).equals(Set.copyOf(addresses))) {
                return new RestoreReport(List.of(), List.of());
            }
            conflicts.add(new Conflict(podKey, AllocationError.ALREADY_ALLOCATED,
                    "pod already holds " + existing.addresses() + " on " + existing.node()));
            return new RestoreReport(List.of(), conflicts);
        }
        PodAllocation pa = new PodAllocation(this, podKey, PodIndex.hashOf(podKey), n, families);
        Set<Address> distinct = new LinkedHashSet<>(addresses);
        for (Address a : distinct) {
            int i = slot(a.family());
            if (i < 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.NOT_IN_RANGE, "no " + a.family() + " pod pool"));
                continue;
            }
            if (pa.block(i) != null) {
                conflicts.add(new Conflict(a.toString(), AllocationError.INVALID_REQUEST, "second " + a.family() + " address"));
                continue;
            }
            Block b = n.ranges[i].find(a);
            if (b == null) {
                Block other = pools[i].blockOf(a);
                conflicts.add(new Conflict(a.toString(), AllocationError.NOT_IN_RANGE, other == null
                        ? "not in node " + node + "'s ranges"
                        : "in node " + other.owner.nodeName + "'s ranges, not " + node + "'s"));
                continue;
            }
            int bit = a.offsetFrom(b.base, b.length);
            long m = 1L << bit;
            if ((b.used & m) != 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.ALREADY_ALLOCATED,
                        "held by pod " + b.holder(bit).podKey()));
            } else if ((b.quarantined & m) != 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.ALREADY_ALLOCATED, "in quarantine"));
            } else {
                pa.set(i, b, bit);
            }
        }
        if (!conflicts.isEmpty() || distinct.isEmpty()) {
            return new RestoreReport(List.of(), conflicts);
        }
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < pools.length; i++) {
            Block b = pa.block(i);
            if (b != null) {
                pools[i].claimOn(b, pa.bit(i), pa, i);
                claimed.add(b.addressOf(pa.bit(i)).toString());
            }
        }
        n.pods++;
        pods.insert(pa);
        return new RestoreReport(claimed, conflicts);
    }

    /**
     * Removes a node: its pods' addresses go to quarantine, its free addresses straight back to the
     * pool.
     *
     * @return keys of the pods that held addresses on the node (now released)
     */
    public List<String> removeNode(String node) {
        maintain();
        NodeState n = nodes.remove(node);
        if (n == null) {
            return List.of();
        }
        n.removed = true;
        Set<PodAllocation> holders = new LinkedHashSet<>();
        for (NodeFamilyRanges r : n.ranges) {
            for (int b = 0; b < r.blockCount(); b++) {
                Block block = r.block(b);
                for (int bit = 0; bit < block.length; bit++) {
                    PodAllocation holder = block.holder(bit);
                    if (holder != null) {
                        holders.add(holder);
                    }
                }
            }
        }
        for (int i = 0; i < pools.length; i++) {
            pools[i].removeNode(n.ranges[i]);
        }
        List<String> podKeys = new ArrayList<>(holders.size());
        for (PodAllocation holder : holders) {
            pods.remove(holder);
            podKeys.add(holder.podKey());
        }
        n.pods = 0;
        return podKeys;
    }

    /** The node's ranges per family (the {@code pod-network-ranges} annotation content), or null. */
    public Map<IpFamily, List<AddressRange>> nodeRanges(String node) {
        NodeState n = nodes.get(node);
        if (n == null) {
            return null;
        }
        Map<IpFamily, List<AddressRange>> out = new EnumMap<>(IpFamily.class);
        for (int i = 0; i < pools.length; i++) {
            out.put(families.get(i), n.ranges[i].ranges());
        }
        return out;
    }

    /** Pods currently placed on the node (the chunk rule's count), or -1 if unknown. */
    public int podCount(String node) {
        NodeState n = nodes.get(node);
        return n == null ? -1 : n.pods;
    }

    /**
     * The node's handle for {@link #allocatePod(String, NodeState)}, or null if the node is not
     * registered. Valid until the node is removed.
     */
    public NodeState node(String node) {
        return nodes.get(node);
    }

    public Collection<String> nodeNames() {
        return List.copyOf(nodes.keySet());
    }

    public PodAllocation pod(String podKey) {
        return pods.get(podKey);
    }

    public int podTotal() {
        return pods.size();
    }

    /** Key of the pod holding the address, or null. O(log blocks). */
    public String holderOf(Address a) {
        int i = slot(a.family());
        if (i < 0) {
            return null;
        }
        Block b = pools[i].blockOf(a);
        if (b == null) {
            return null;
        }
        PodAllocation holder = b.holder(a.offsetFrom(b.base, b.length));
        return holder == null ? null : holder.podKey();
    }

    /** Node whose ranges contain the address, or null. */
    public String nodeOwning(Address a) {
        int i = slot(a.family());
        Block b = i < 0 ? null : pools[i].blockOf(a);
        return b == null ? null : b.owner.nodeName;
    }

    /**
     * Registers the one listener told of every chunk move (granted, restored, reclaimed, returned on
     * node removal), e.g. to emit audit events; called on the allocation thread. Null removes it.
     */
    public void onChunkMove(Consumer<ChunkMove> listener) {
        for (PodPool p : pools) {
            p.onChunkMove(listener);
        }
    }

    /** Exact counters of the pod pool per family. */
    public List<PoolCounters> counters() {
        maintain();
        List<PoolCounters> out = new ArrayList<>();
        for (PodPool p : pools) {
            out.add(new PoolCounters(PoolName.POD, p.family(), p.size(), p.held(), p.quarantined(), p.free()));
        }
        return out;
    }

    /** Addresses of the family handed to nodes as chunks (held + resting + free inside chunks). */
    public long addressesOnNodes(IpFamily family) {
        int i = slot(family);
        return i < 0 ? 0 : pools[i].global().out();
    }

    /** Free addresses not yet given to any node (walked; diagnostics and tests). */
    BigInteger unchunkedFreeByWalk(IpFamily family) {
        return pools[slot(family)].global().freeByWalk();
    }

    /** Free (neither held nor resting) addresses inside nodes' chunks, by walking every block. */
    long freeOnNodesByWalk(IpFamily family) {
        int i = slot(family);
        long free = 0;
        for (NodeState n : nodes.values()) {
            NodeFamilyRanges r = n.ranges[i];
            for (int b = 0; b < r.blockCount(); b++) {
                free += Long.bitCount(r.block(b).freeBits());
            }
        }
        return free;
    }

    PodPool pool(IpFamily family) {
        return pools[slot(family)];
    }
}
