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
    /** Registered nodes by id (null for a free id). */
    private NodeState[] byId = new NodeState[16];
    /** Pods placed on each node by id (Cisco's chunk rule count, shared by all families). */
    private int[] nodePods = new int[16];
    private int[] freeNodeIds = new int[16];
    private int freeNodeCount;
    private int nodeHigh;
    private final PodIndex pods = new PodIndex();
    /**
     * Per pod id, two ints: the location in family slot 0 and 1 ({@code block << 6 | bit}, -1 for
     * none). The pod's node is the owner of its blocks (read from the block line a release touches
     * anyway); with fewer than two families the spare int holds the node id. 8 bytes a pod: 150,000
     * pods in 1.2 MB. A release by id reads this record, {@link #podState} and the blocks.
     */
    private int[] podLocs = new int[2 * 16];
    /** Per pod id: {@link #FREE}, {@link #BY_ID} (held, no key) or {@link #KEYED} (held, has a handle). */
    private byte[] podState = new byte[16];
    private static final byte FREE = 0;
    private static final byte BY_ID = 1;
    private static final byte KEYED = 2;
    /** Live pods, key-indexed or not. */
    private int livePods;
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
            pools[i] = new PodPool(f, ranges.getOrDefault(f, List.of()), chunkSize, quarantineMillis, clock,
                    id -> byId[id].name);
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
        NodeState n = register(node);
        for (int i = 0; i < pools.length; i++) {
            applyChunkRule(n.id, i, nodePods[n.id]);
        }
        return nodeRanges(node);
    }

    private NodeState register(String node) {
        NodeState n = nodes.get(node);
        if (n != null) {
            return n;
        }
        int id;
        if (freeNodeCount > 0) {
            id = freeNodeIds[--freeNodeCount];
        } else {
            id = nodeHigh++;
            if (id == byId.length) {
                byId = java.util.Arrays.copyOf(byId, id * 2);
                nodePods = java.util.Arrays.copyOf(nodePods, id * 2);
            }
        }
        n = new NodeState(this, node, id);
        byId[id] = n;
        nodePods[id] = 0;
        for (PodPool p : pools) {
            p.addNode(id);
        }
        nodes.put(node, n);
        return n;
    }

    private void applyChunkRule(int node, int i, int podCount) {
        PodPool pool = pools[i];
        if (podCount > pool.addresses(node) - pool.chunkSize() / 2) {
            pool.grantChunk(node, "chunk rule: pods > addresses - chunk/2");
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
        int id = place(n.id);
        podState[id] = KEYED;
        PodAllocation pa = handle(podKey, hash, id, n, loc(id, 0), loc(id, 1));
        pods.insert(pa);
        return pa;
    }

    /** Records a held pod under its id. */
    private void record(int id, int node, int loc0, int loc1, byte state) {
        if (id >= podState.length) {
            int n = Math.max(podState.length * 2, id + 1);
            podState = java.util.Arrays.copyOf(podState, n);
            podLocs = java.util.Arrays.copyOf(podLocs, 2 * n);
        }
        int r = id << 1;
        podLocs[r] = loc0;
        podLocs[r + 1] = loc1;
        if (pools.length < 2) {
            podLocs[r + pools.length] = node;
        }
        podState[id] = state;
    }

    /** Location of a recorded pod in a family slot, or -1. */
    private int loc(int id, int slot) {
        return slot < pools.length ? podLocs[(id << 1) + slot] : -1;
    }

    /** Node of a recorded pod: the owner of its blocks. */
    private int nodeOfPod(int id) {
        int r = id << 1;
        if (pools.length < 2) {
            return podLocs[r + pools.length];
        }
        int loc0 = podLocs[r];
        return loc0 >= 0 ? pools[0].nodeOfBlock(loc0 >>> 6) : pools[1].nodeOfBlock(podLocs[r + 1] >>> 6);
    }

    /**
     * The allocation itself, shared by every API: one address per family on the node, primary first,
     * both or none; records the pod under a new id (not key-indexed) and returns the id.
     */
    private int place(int node) {
        int podsAfter = nodePods[node] + 1;
        int id = pods.newId();
        int loc0 = -1;
        int loc1 = -1;
        for (int i = 0; i < pools.length; i++) {
            PodPool pool = pools[i];
            applyChunkRule(node, i, podsAfter);
            int loc = pool.allocate(node, id);
            if (loc < 0 && pool.grantChunk(node, "no free address on node (quarantine pressure)")) {
                loc = pool.allocate(node, id);
            }
            if (loc < 0) {
                if (i == 1) {
                    pools[0].undo(loc0);
                }
                pods.freeId(id);
                throw new AllocationException(AllocationError.RANGE_FULL,
                        "no free " + pool.family() + " pod address for node " + byId[node].name);
            }
            if (i == 0) {
                loc0 = loc;
            } else {
                loc1 = loc;
            }
        }
        record(id, node, loc0, loc1, BY_ID);
        nodePods[node] = podsAfter;
        livePods++;
        return id;
    }

    private PodAllocation handle(String podKey, int hash, int id, NodeState n, int loc0, int loc1) {
        PodPool p0 = pools.length > 0 ? pools[0] : null;
        PodPool p1 = pools.length > 1 ? pools[1] : null;
        return new PodAllocation(pods, podKey, hash, id, n,
                loc0, loc0 < 0 ? 0 : p0.hiOf(loc0), loc0 < 0 ? 0 : p0.loOf(loc0),
                loc1, loc1 < 0 ? 0 : p1.hiOf(loc1), loc1 < 0 ? 0 : p1.loOf(loc1));
    }

    // ---------------------------------------------------------------- int fast path

    /**
     * The node's dense id for {@link #allocatePod(int)}, resolved once per node, or -1 if the node is
     * not registered. Valid until the node is removed (a re-added node may get the same or another
     * id; ids of removed nodes are reused).
     */
    public int nodeId(String node) {
        NodeState n = nodes.get(node);
        return n == null ? -1 : n.id;
    }

    /** Name of a registered node id, or null. */
    public String nodeName(int nodeId) {
        NodeState n = nodeId >= 0 && nodeId < nodeHigh ? byId[nodeId] : null;
        return n == null ? null : n.name;
    }

    /**
     * Allocates one address per family for a new pod on the node, primary family first, both or none
     * — the same rules as {@link #allocatePod(String, String)} (chunk rule, quarantine pressure,
     * lowest free address), but the pod is known only by the returned id: no key, no handle object,
     * nothing allocated on the heap (chunk moves aside). Read its addresses with
     * {@link #podAddressLo}/{@link #podAddressHi} (or {@link #podV4}/{@link #podV6Hi}/{@link #podV6Lo}).
     *
     * @return the pod id (≥ 0), valid until the pod is released (by {@link #releasePod(int)} or with
     *     its node); ids are reused after release
     * @throws AllocationException NOT_READY, UNKNOWN_NODE (id not registered), RANGE_FULL (a family has
     *     no free address even after asking for a chunk; nothing is kept)
     */
    public int allocatePod(int nodeId) {
        readiness.check();
        maintain();
        if (nodeId < 0 || nodeId >= nodeHigh || byId[nodeId] == null) {
            throw new AllocationException(AllocationError.UNKNOWN_NODE, "node id " + nodeId + " not known");
        }
        return place(nodeId);
    }

    /**
     * Releases every address of the pod with this id into quarantine; works for any held pod,
     * including one allocated by key (its key index entry goes too and its handle is no longer held).
     * Allocation-free.
     *
     * @throws AllocationException NOT_ALLOCATED if no pod holds the id
     */
    public void releasePod(int podId) {
        maintain();
        byte[] st = podState;
        if (podId < 0 || podId >= st.length || st[podId] == FREE) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED, "pod id " + podId + " holds no address");
        }
        if (st[podId] == KEYED) {
            pods.remove(pods.handle(podId)); // frees the id too
        } else {
            pods.freeId(podId);
        }
        releaseRec(podId);
    }

    /** Returns the record's addresses to quarantine and clears it (the id is already free). */
    private void releaseRec(int id) {
        long now = maintainedAt;
        int node = nodeOfPod(id);
        int loc0 = loc(id, 0);
        int loc1 = loc(id, 1);
        if (loc0 >= 0) {
            pools[0].release(loc0, now);
        }
        if (loc1 >= 0) {
            pools[1].release(loc1, now);
        }
        nodePods[node]--;
        podState[id] = FREE;
        livePods--;
    }

    /** True while a pod holds the id. */
    public boolean isHeld(int podId) {
        return podId >= 0 && podId < podState.length && podState[podId] != FREE;
    }

    private int heldRec(int podId) {
        if (!isHeld(podId)) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED, "pod id " + podId + " holds no address");
        }
        return podId;
    }

    /** Node id of a held pod. */
    public int podNodeId(int podId) {
        return nodeOfPod(heldRec(podId));
    }

    /**
     * Low 64 bits of a held pod's address in family slot {@code slot} (index in {@link #families()},
     * primary = 0); for IPv4 the address in the low 32 bits. No allocation.
     *
     * @throws AllocationException NOT_ALLOCATED if no pod holds the id
     * @throws IllegalArgumentException if no family is configured at the slot
     */
    public long podAddressLo(int podId, int slot) {
        int loc = locOf(podId, slot);
        return pools[slot].loOf(loc);
    }

    /** High 64 bits of a held pod's address in family slot {@code slot} (0 for IPv4). No allocation. */
    public long podAddressHi(int podId, int slot) {
        int loc = locOf(podId, slot);
        return pools[slot].hiOf(loc);
    }

    private int locOf(int podId, int slot) {
        int r = heldRec(podId);
        if (slot < 0 || slot >= pools.length) {
            throw new IllegalArgumentException("no pod family at slot " + slot);
        }
        int loc = loc(r, slot);
        if (loc < 0) {
            throw new IllegalArgumentException("pod id " + podId + " has no address in family slot " + slot);
        }
        return loc;
    }

    /** A held pod's IPv4 address as an unsigned 32-bit value in an int. */
    public int podV4(int podId) {
        return (int) podAddressLo(podId, requireSlot(IpFamily.V4));
    }

    /** High 64 bits of a held pod's IPv6 address. */
    public long podV6Hi(int podId) {
        return podAddressHi(podId, requireSlot(IpFamily.V6));
    }

    /** Low 64 bits of a held pod's IPv6 address. */
    public long podV6Lo(int podId) {
        return podAddressLo(podId, requireSlot(IpFamily.V6));
    }

    private int requireSlot(IpFamily family) {
        int i = slot(family);
        if (i < 0) {
            throw new IllegalArgumentException("no " + family + " pod pool configured");
        }
        return i;
    }

    /** A held pod's address of one family as an {@link Address} (allocates; convenience), or null. */
    public Address podAddress(int podId, IpFamily family) {
        int r = heldRec(podId);
        int i = slot(family);
        return i < 0 || loc(r, i) < 0 ? null : pools[i].addressOf(loc(r, i));
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
        if (allocation == null || allocation.owner != pods || !allocation.isHeld()) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED,
                    "pod " + (allocation == null ? null : allocation.podKey()) + " holds no address");
        }
        return release(allocation);
    }

    private PodAllocation release(PodAllocation pa) {
        int id = pa.id;
        pods.remove(pa);
        releaseRec(id);
        return pa;
    }

    /** Key of a pod id: the key of a key-indexed pod, {@code "#<id>"} for one allocated by id. */
    private String podName(int podId) {
        PodAllocation pa = pods.handle(podId);
        return pa != null ? pa.podKey() : "#" + podId;
    }

    /**
     * Restore: claims a node's ranges from its existing annotation, before anything is allocated.
     * Parts outside the pool or held by another node are reported, not taken.
     */
    public RestoreReport restoreNodeRanges(String node, List<AddressRange> ranges) {
        maintain();
        NodeState n = register(node);
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
            pools[i].claimForNode(n.id, range, conflicts);
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
        int[] locs = {-1, -1};
        Set<Address> distinct = new LinkedHashSet<>(addresses);
        for (Address a : distinct) {
            int i = slot(a.family());
            if (i < 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.NOT_IN_RANGE, "no " + a.family() + " pod pool"));
                continue;
            }
            if (locs[i] >= 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.INVALID_REQUEST, "second " + a.family() + " address"));
                continue;
            }
            int loc = pools[i].find(n.id, a);
            if (loc < 0) {
                int other = pools[i].locate(a);
                conflicts.add(new Conflict(a.toString(), AllocationError.NOT_IN_RANGE, other < 0
                        ? "not in node " + node + "'s ranges"
                        : "in node " + byId[pools[i].nodeOfBlock(other >>> 6)].name + "'s ranges, not " + node + "'s"));
                continue;
            }
            int holder = pools[i].holder(loc);
            if (holder >= 0) {
                conflicts.add(new Conflict(a.toString(), AllocationError.ALREADY_ALLOCATED,
                        "held by pod " + podName(holder)));
            } else if (pools[i].isQuarantined(loc)) {
                conflicts.add(new Conflict(a.toString(), AllocationError.ALREADY_ALLOCATED, "in quarantine"));
            } else {
                locs[i] = loc;
            }
        }
        if (!conflicts.isEmpty() || distinct.isEmpty()) {
            return new RestoreReport(List.of(), conflicts);
        }
        int id = pods.newId();
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < pools.length; i++) {
            if (locs[i] >= 0) {
                pools[i].claimOn(locs[i], id);
                claimed.add(pools[i].addressOf(locs[i]).toString());
            }
        }
        nodePods[n.id]++;
        record(id, n.id, locs[0], locs[1], KEYED);
        livePods++;
        pods.insert(handle(podKey, PodIndex.hashOf(podKey), id, n, locs[0], locs[1]));
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
        int nid = n.id;
        java.util.BitSet holderIds = new java.util.BitSet();
        for (PodPool p : pools) {
            p.holdersOf(nid, holderIds::set);
        }
        for (PodPool p : pools) {
            p.removeNode(nid);
        }
        List<String> podKeys = new ArrayList<>(holderIds.cardinality());
        for (int id = holderIds.nextSetBit(0); id >= 0; id = holderIds.nextSetBit(id + 1)) {
            if (podState[id] == KEYED) {
                PodAllocation holder = pods.handle(id);
                pods.remove(holder);
                podKeys.add(holder.podKey());
            } else {
                pods.freeId(id);
            }
            podState[id] = FREE;
            livePods--;
        }
        nodePods[nid] = 0;
        byId[nid] = null;
        if (freeNodeCount == freeNodeIds.length) {
            freeNodeIds = java.util.Arrays.copyOf(freeNodeIds, freeNodeCount * 2);
        }
        freeNodeIds[freeNodeCount++] = nid;
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
            out.put(families.get(i), pools[i].ranges(n.id));
        }
        return out;
    }

    /** Pods currently placed on the node (the chunk rule's count), or -1 if unknown. */
    public int podCount(String node) {
        NodeState n = nodes.get(node);
        return n == null ? -1 : nodePods[n.id];
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

    /** Live pods, by key or by id. */
    public int podTotal() {
        return livePods;
    }

    /** Key of the pod holding the address, or null. O(log blocks). */
    public String holderOf(Address a) {
        int i = slot(a.family());
        int loc = i < 0 ? -1 : pools[i].locate(a);
        int holder = loc < 0 ? -1 : pools[i].holder(loc);
        return holder < 0 ? null : podName(holder);
    }

    /** Node whose ranges contain the address, or null. */
    public String nodeOwning(Address a) {
        int i = slot(a.family());
        int loc = i < 0 ? -1 : pools[i].locate(a);
        return loc < 0 ? null : byId[pools[i].nodeOfBlock(loc >>> 6)].name;
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
            free += pools[i].freeOnNodeByWalk(n.id);
        }
        return free;
    }

    PodPool pool(IpFamily family) {
        return pools[slot(family)];
    }
}
