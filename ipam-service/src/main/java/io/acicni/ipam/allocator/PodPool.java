package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One family of the pod pool ({@code pod-ip-pool}): the global free space (a {@link FlatPool} from
 * which chunks are taken), the node-level quarantine, and chunk reclamation. Counters over all nodes
 * are kept incrementally, so {@code used + quarantined + free = size} holds at every moment.
 */
final class PodPool {
    private final IpFamily family;
    private final FlatPool global;
    private final int chunkSize;
    private final long quarantineMillis;
    private final MonotonicMillis clock;
    private final BitQuarantine resting = new BitQuarantine();
    /** Blocks that became idle, in idle-since order, as (block, since) pairs. */
    private final BitQuarantine idle = new BitQuarantine();
    private java.util.function.Consumer<ChunkMove> moveListener;
    /** Every block of every node by base address: which node's range holds an address, O(log blocks). */
    private final TreeMap<Address, Block> blocksByBase = new TreeMap<>();
    private long held;
    private long nodeQuarantined;

    PodPool(IpFamily family, List<AddressRange> ranges, int chunkSize, long quarantineMillis, MonotonicMillis clock) {
        this.family = family;
        this.global = new FlatPool(family, ranges, quarantineMillis, clock);
        this.chunkSize = chunkSize;
        this.quarantineMillis = quarantineMillis;
        this.clock = clock;
    }

    IpFamily family() {
        return family;
    }

    FlatPool global() {
        return global;
    }

    int chunkSize() {
        return chunkSize;
    }

    long held() {
        return held;
    }

    long quarantined() {
        return nodeQuarantined + global.quarantinedCount();
    }

    BigInteger size() {
        return global.size();
    }

    BigInteger free() {
        return size().subtract(BigInteger.valueOf(held)).subtract(BigInteger.valueOf(quarantined()));
    }

    void onChunkMove(java.util.function.Consumer<ChunkMove> listener) {
        this.moveListener = listener;
    }

    private void moved(NodeFamilyRanges ranges, AddressRange range, boolean toNode, String why) {
        if (moveListener != null) {
            moveListener.accept(new ChunkMove(ranges.nodeName, family, range, toNode, why));
        }
    }

    /** Frees rested addresses and reclaims surplus idle blocks. Amortised O(1) per event. */
    void maintain(long now) {
        global.expire(now);
        while (resting.headDue(now)) {
            Block b = resting.headBlock();
            int bit = resting.headBit();
            resting.pop();
            if (b.isAttached()) {
                b.owner.markRested(b, bit);
                nodeQuarantined--;
                if (b.isIdle()) {
                    b.idleSince = now;
                    idle.push(b, 0, now + quarantineMillis);
                }
            }
        }
        while (idle.headDue(now)) {
            Block b = idle.headBlock();
            long since = idle.headDueMillis() - quarantineMillis;
            idle.pop();
            if (b.isAttached() && b.isIdle() && b.idleSince == since) {
                reclaimSurplus(b.owner, now);
            }
        }
    }

    /**
     * Beyond Cisco: returns idle blocks of a node to the pool while more than two chunks' worth of
     * its addresses have been entirely free for at least the quarantine; highest blocks go first.
     */
    private void reclaimSurplus(NodeFamilyRanges ranges, long now) {
        long eligible = 0;
        for (int i = 0; i < ranges.blockCount(); i++) {
            Block b = ranges.block(i);
            if (b.isIdle() && now - b.idleSince >= quarantineMillis) {
                eligible += b.length;
            }
        }
        long keep = 2L * chunkSize;
        for (int i = ranges.blockCount() - 1; i >= 0 && eligible > keep; i--) {
            Block b = ranges.block(i);
            if (b.isIdle() && now - b.idleSince >= quarantineMillis && eligible - b.length >= keep) {
                ranges.remove(b);
                blocksByBase.remove(b.base);
                global.giveBack(b.base, b.last());
                eligible -= b.length;
                moved(ranges, new AddressRange(b.base, b.last()), false, "reclaimed: idle");
            }
        }
    }

    /** The node block containing {@code a}, or null if no node's range holds it. */
    Block blockOf(Address a) {
        Map.Entry<Address, Block> e = blocksByBase.floorEntry(a);
        if (e == null) {
            return null;
        }
        Block b = e.getValue();
        return a.offsetFrom(b.base, b.length) >= 0 ? b : null;
    }

    /** Gives the node one more chunk, all or nothing. */
    boolean grantChunk(NodeFamilyRanges ranges, String why) {
        List<AddressRange> pieces = global.takeLowest(chunkSize);
        if (pieces == null) {
            return false;
        }
        long now = clock.now();
        for (AddressRange piece : pieces) {
            addAsBlocks(ranges, piece, now);
            moved(ranges, piece, true, why);
        }
        return true;
    }

    private void addAsBlocks(NodeFamilyRanges ranges, AddressRange piece, long now) {
        Address start = piece.start();
        long remaining = piece.sizeCapped();
        while (remaining > 0) {
            int len = (int) Math.min(64, remaining);
            Block b = new Block(start, len);
            b.idleSince = now;
            ranges.insert(b);
            blocksByBase.put(b.base, b);
            idle.push(b, 0, now + quarantineMillis);
            remaining -= len;
            if (remaining > 0) {
                start = start.plus(len);
            }
        }
    }

    /** Restore: claims the free parts of a range for a node; the rest is reported. */
    void claimForNode(NodeFamilyRanges ranges, AddressRange range, List<Conflict> conflicts) {
        List<AddressRange> claimed = new ArrayList<>();
        global.claimRange(range, claimed, conflicts);
        long now = clock.now();
        for (AddressRange piece : claimed) {
            addAsBlocks(ranges, piece, now);
            moved(ranges, piece, true, "restored from annotation");
        }
    }

    /**
     * Takes the node's lowest free address for {@code holder}'s family slot {@code slot}; false if the
     * node has no free address of this family.
     */
    boolean allocateOn(NodeFamilyRanges ranges, PodAllocation holder, int slot) {
        Block b = ranges.lowestFree();
        if (b == null) {
            return false;
        }
        int bit = Long.numberOfTrailingZeros(b.freeBits());
        ranges.markUsed(b, bit, holder);
        held++;
        holder.set(slot, b, bit);
        return true;
    }

    /** Claims one specific free address on the node (restore). */
    void claimOn(Block b, int bit, PodAllocation holder, int slot) {
        b.owner.markUsed(b, bit, holder);
        held++;
        holder.set(slot, b, bit);
    }

    /** Released by a pod: into quarantine. */
    void release(Block b, int bit, long now) {
        NodeFamilyRanges.markQuarantined(b, bit);
        held--;
        nodeQuarantined++;
        resting.push(b, bit, now + quarantineMillis);
    }

    /** Undo of an allocation never published: free at once. */
    void undo(Block b, int bit) {
        b.owner.undoUse(b, bit);
        held--;
    }

    /**
     * Node removal: free addresses go straight back to the pool; held and quarantined ones rest in the
     * pool's quarantine first (their holders are gone with the node).
     */
    void removeNode(NodeFamilyRanges ranges) {
        for (Block b : ranges.blocks()) {
            ranges.remove(b);
            blocksByBase.remove(b.base);
            held -= Long.bitCount(b.used);
            nodeQuarantined -= Long.bitCount(b.quarantined);
            long busy = b.used | b.quarantined;
            int bit = 0;
            while (bit < b.length) {
                boolean isBusy = (busy & (1L << bit)) != 0;
                int end = bit;
                while (end + 1 < b.length && ((busy & (1L << (end + 1))) != 0) == isBusy) {
                    end++;
                }
                Address s = b.addressOf(bit);
                Address e = b.addressOf(end);
                global.giveBack(s, e);
                if (isBusy) {
                    for (int k = bit; k <= end; k++) {
                        Address a = b.addressOf(k);
                        global.claim(a);
                        global.release(a);
                    }
                }
                bit = end + 1;
            }
            java.util.Arrays.fill(b.holders, null);
            moved(ranges, new AddressRange(b.base, b.last()), false, "node removed");
        }
    }
}
