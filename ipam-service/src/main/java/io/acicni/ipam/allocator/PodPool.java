package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * One family of the pod pool ({@code pod-ip-pool}): the global free space (a {@link FlatPool} from
 * which chunks are taken), the nodes' blocks, the node-level quarantine and chunk reclamation.
 *
 * <p>Data layout (everything the hot path touches is a primitive array indexed by a dense {@code int}):
 * <ul>
 *   <li><b>Blocks</b> — up to {@code blockMax} (chunk size rounded up to a power of two, 16..64)
 *       consecutive addresses of a node's range, id {@code b}: one 32-byte stride of
 *       {@code words} holds everything allocate, release and expiry touch — used bits, quarantined
 *       bits, generation | owner node, position in the node's list | length — so each of them reads
 *       one cache line of the block; base address (hi, lo) and idle-since in side arrays (read only
 *       to produce addresses and on reclamation); the pod id holding each bit in
 *       {@code holders[blockMax·b + bit]} (written on allocation, read only by {@code holderOf},
 *       restore and node removal). Freed block ids are reused (generation bumped).</li>
 *   <li><b>Nodes</b> — indexed by the node id: addresses, a summary bitset of the node's blocks that
 *       have a free address (first 64 blocks in one long), the block at the lowest summary bit
 *       ({@code nCur}, so an allocation goes node id → block line directly), and the node's block ids
 *       sorted by address. Lowest free address = current block's lowest free bit: O(1); keeping
 *       {@code nCur} is O(1) up to 64 blocks a node, O(blocks/64) beyond.</li>
 *   <li><b>Quarantine</b> — a FIFO ring of (block generation, block, bit | due) pairs in one long[];
 *       expiry pops the due head, amortised O(1). Idle blocks for reclamation: a second ring.</li>
 *   <li>Which block holds an address (cold paths: restore, {@code holderOf}): a tree by base.</li>
 * </ul>
 * Counters over all nodes are kept incrementally, so {@code used + quarantined + free = size} holds
 * at every moment. A location is {@code block << 6 | bit}.
 */
final class PodPool {
    /**
     * Longs per block in {@code words}: everything the pod hot path (allocate, release, expiry)
     * reads or writes of a block — used bits, quarantined bits, owner, generation, position, length —
     * in one 32-byte stride; the base address and idle-since, which the hot path never reads, live
     * in {@code bases} and {@code bIdle}.
     */
    private static final int W = 4;
    /**
     * Index of block 0 in {@code words}: 2 longs past the 16-byte array header, so that each 32-byte
     * stride is 32-byte aligned and never straddles a cache line when the array starts on a line
     * (large arrays are humongous objects in G1 and start on a region boundary).
     */
    private static final int OFF = 2;
    /** Offsets in a block's stride: used bits, quarantined bits. */
    private static final int USED = 0;
    private static final int QUAR = 1;
    /** generation (high 32 bits) | owner node id (low 32 bits, -1 when the block id is free). */
    private static final int META = 2;
    /** position in the node's block list (high 32 bits, -1 when free) | length (low 32 bits). */
    private static final int POSLEN = 3;

    private static int wi(int b) {
        return OFF + (b << 2);
    }

    private final IpFamily family;
    private final FlatPool global;
    private final int chunkSize;
    private final long quarantineMillis;
    private final MonotonicMillis clock;
    private final IntFunction<String> nodeNames;
    private final LocRing resting = new LocRing();
    /** Blocks that became idle, in idle-since order (due = since + quarantine). */
    private final LocRing idle = new LocRing();
    private Consumer<ChunkMove> moveListener;
    /** Every block of every node by base address: which node's range holds an address, O(log blocks). */
    private final TreeMap<Address, Integer> blocksByBase = new TreeMap<>();
    private long held;
    private long nodeQuarantined;

    // Blocks.
    private long[] words = new long[OFF + 64 * W];
    /** Base address of block b: hi at {@code 2b}, lo at {@code 2b + 1}. */
    private long[] bases = new long[64 * 2];
    /** Clock reading when block b last became idle. */
    private long[] bIdle = new long[64];
    /**
     * Longest block: the chunk size rounded up to a power of two, between 16 and 64. Also the
     * stride of {@code holders}, which therefore reserves no unused slots at chunk 32.
     */
    private final int blockMax;
    private final int holderShift;
    private int[] holders;
    private int[] freeBlocks = new int[16];
    private int freeBlockCount;
    private int blockHigh;

    // Nodes.
    private long[] nAddr = new long[16];
    private long[] nSum0 = new long[16];
    /** The block at the lowest set summary bit (the block the next allocation takes from), or -1. */
    private int[] nCur = new int[16];
    private long[][] nSumMore = new long[16][];
    private int[][] nBlocks = new int[16][];
    private int[] nCount = new int[16];

    PodPool(IpFamily family, List<AddressRange> ranges, int chunkSize, long quarantineMillis, MonotonicMillis clock,
            IntFunction<String> nodeNames) {
        this.family = family;
        this.global = new FlatPool(family, ranges, quarantineMillis, clock);
        this.chunkSize = chunkSize;
        int max = Math.max(16, Math.min(64, Integer.highestOneBit(Math.max(1, chunkSize - 1)) << 1));
        this.blockMax = max;
        this.holderShift = Integer.numberOfTrailingZeros(max);
        this.holders = new int[64 << holderShift];
        this.quarantineMillis = quarantineMillis;
        this.clock = clock;
        this.nodeNames = nodeNames;
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

    void onChunkMove(Consumer<ChunkMove> listener) {
        this.moveListener = listener;
    }

    private void moved(int node, AddressRange range, boolean toNode, String why) {
        if (moveListener != null) {
            moveListener.accept(new ChunkMove(nodeNames.apply(node), family, range, toNode, why));
        }
    }

    // ---------------------------------------------------------------- nodes

    /** Registers a node id (new or reused) with no ranges. */
    void addNode(int node) {
        if (node >= nAddr.length) {
            int n = Math.max(node + 1, nAddr.length * 2);
            nAddr = Arrays.copyOf(nAddr, n);
            nSum0 = Arrays.copyOf(nSum0, n);
            nCur = Arrays.copyOf(nCur, n);
            nSumMore = Arrays.copyOf(nSumMore, n);
            nBlocks = Arrays.copyOf(nBlocks, n);
            nCount = Arrays.copyOf(nCount, n);
        }
        nAddr[node] = 0;
        nSum0[node] = 0;
        nCur[node] = -1;
        nSumMore[node] = null;
        nBlocks[node] = new int[4];
        nCount[node] = 0;
    }

    /** Addresses of this family on the node (held, resting or free). */
    long addresses(int node) {
        return nAddr[node];
    }

    int blockCount(int node) {
        return nCount[node];
    }

    /** Marks the block {@code b} at position {@code pos} of the node as having a free address. */
    private void setSummary(int node, int pos, int b) {
        if (pos < 64) {
            long s = nSum0[node];
            nSum0[node] = s | (1L << pos);
            if (pos < Long.numberOfTrailingZeros(s)) {
                nCur[node] = b; // new lowest (an empty inline word counts as 64)
            }
        } else {
            nSumMore[node][(pos >>> 6) - 1] |= 1L << pos;
            if (nSum0[node] == 0) {
                refreshCur(node);
            }
        }
    }

    private void clearSummary(int node, int pos, int b) {
        if (pos < 64) {
            nSum0[node] &= ~(1L << pos);
        } else {
            nSumMore[node][(pos >>> 6) - 1] &= ~(1L << pos);
        }
        if (nCur[node] == b) {
            refreshCur(node);
        }
    }

    private void refreshCur(int node) {
        int pos = lowestFreePos(node);
        nCur[node] = pos < 0 ? -1 : nBlocks[node][pos];
    }

    private int lowestFreePos(int node) {
        long s = nSum0[node];
        if (s != 0) {
            return Long.numberOfTrailingZeros(s);
        }
        long[] more = nSumMore[node];
        if (more != null) {
            for (int w = 0; w < more.length; w++) {
                if (more[w] != 0) {
                    return ((w + 1) << 6) + Long.numberOfTrailingZeros(more[w]);
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- blocks

    private int len(int b) {
        return (int) words[wi(b) + POSLEN];
    }

    private int pos(int b) {
        return (int) (words[wi(b) + POSLEN] >>> 32);
    }

    private void setPos(int b, int pos) {
        int w = wi(b) + POSLEN;
        words[w] = ((long) pos << 32) | (words[w] & 0xFFFF_FFFFL);
    }

    private int gen(int b) {
        return (int) (words[wi(b) + META] >>> 32);
    }

    private int nodeOf(int b) {
        return (int) words[wi(b) + META];
    }

    private long idleSince(int b) {
        return bIdle[b];
    }

    /** Index of a location's holder slot: {@code blockMax} slots per block. */
    private int holderIdx(int loc) {
        return ((loc >>> 6) << holderShift) | (loc & 63);
    }

    private long mask(int b) {
        return -1L >>> (64 - len(b));
    }

    private long freeBits(int b) {
        return mask(b) & ~(words[wi(b)] | words[wi(b) + 1]);
    }

    private boolean isIdle(int b) {
        return words[wi(b)] == 0 && words[wi(b) + 1] == 0;
    }

    private Address base(int b) {
        return Address.of(family, bases[(b) << 1], bases[((b) << 1) + 1]);
    }

    private Address last(int b) {
        return base(b).plus(len(b) - 1L);
    }

    /** High 64 bits of the address at a location. */
    long hiOf(int loc) {
        int w = (loc >>> 6) << 1;
        long lo = bases[w + 1];
        return Long.compareUnsigned(lo + (loc & 63), lo) < 0 ? bases[w] + 1 : bases[w];
    }

    /** Low 64 bits of the address at a location. */
    long loOf(int loc) {
        return bases[(((loc >>> 6)) << 1) + 1] + (loc & 63);
    }

    Address addressOf(int loc) {
        return Address.of(family, hiOf(loc), loOf(loc));
    }

    int nodeOfBlock(int b) {
        return nodeOf(b);
    }

    private int newBlock(Address base, int len, long now) {
        int b;
        if (freeBlockCount > 0) {
            b = freeBlocks[--freeBlockCount];
        } else {
            b = blockHigh++;
            if (wi(b) + W > words.length) {
                int n = b * 2;
                words = Arrays.copyOf(words, OFF + n * W);
                bases = Arrays.copyOf(bases, n * 2);
                bIdle = Arrays.copyOf(bIdle, n);
                holders = Arrays.copyOf(holders, n << holderShift);
            }
        }
        int w = wi(b);
        words[w] = 0;
        words[w + 1] = 0;
        bases[b << 1] = base.hi();
        bases[(b << 1) + 1] = base.lo();
        words[w + META] = (words[w + META] & 0xFFFF_FFFF_0000_0000L) | 0xFFFF_FFFFL; // keep gen, node -1
        words[w + POSLEN] = (0xFFFF_FFFFL << 32) | len;
        bIdle[b] = now;
        return b;
    }

    private void freeBlock(int b) {
        int w = wi(b);
        words[w + META] = ((long) (gen(b) + 1) << 32) | 0xFFFF_FFFFL;
        words[w + POSLEN] = (0xFFFF_FFFFL << 32) | (words[w + POSLEN] & 0xFFFF_FFFFL);
        if (freeBlockCount == freeBlocks.length) {
            freeBlocks = Arrays.copyOf(freeBlocks, freeBlockCount * 2);
        }
        freeBlocks[freeBlockCount++] = b;
    }

    private static int compareBase(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    /** Inserts a block into the node's list, keeping address order. */
    private void insertBlock(int node, int b) {
        int count = nCount[node];
        int[] list = nBlocks[node];
        if (count == list.length) {
            list = Arrays.copyOf(list, count * 2);
            nBlocks[node] = list;
        }
        long hi = bases[(b) << 1];
        long lo = bases[((b) << 1) + 1];
        int pos = count;
        while (pos > 0 && compareBase(bases[(list[pos - 1]) << 1], bases[((list[pos - 1]) << 1) + 1], hi, lo) > 0) {
            list[pos] = list[pos - 1];
            pos--;
        }
        list[pos] = b;
        nCount[node] = count + 1;
        words[wi(b) + META] = ((long) gen(b) << 32) | (node & 0xFFFF_FFFFL);
        nAddr[node] += len(b);
        reindexFrom(node, pos);
    }

    /** Removes a block from its node's list (chunk reclaim, node removal) and frees its id. */
    private void removeBlock(int b) {
        int node = nodeOf(b);
        int pos = pos(b);
        int[] list = nBlocks[node];
        int count = nCount[node];
        System.arraycopy(list, pos + 1, list, pos, count - pos - 1);
        nCount[node] = count - 1;
        nAddr[node] -= len(b);
        blocksByBase.remove(base(b));
        freeBlock(b);
        reindexFrom(node, pos);
    }

    private void reindexFrom(int node, int pos) {
        int count = nCount[node];
        int[] list = nBlocks[node];
        int more = Math.max(0, ((count + 63) >>> 6) - 1);
        long[] sm = nSumMore[node];
        if (more == 0) {
            sm = null;
        } else if (sm == null || sm.length != more) {
            sm = sm == null ? new long[more] : Arrays.copyOf(sm, more);
        }
        nSumMore[node] = sm;
        for (int i = pos; i < count; i++) {
            setPos(list[i], i);
        }
        int fromWord = pos >>> 6;
        if (fromWord == 0) {
            nSum0[node] = 0;
        }
        if (sm != null) {
            for (int w = Math.max(1, fromWord); w <= sm.length; w++) {
                sm[w - 1] = 0;
            }
        }
        for (int i = fromWord << 6; i < count; i++) {
            if (freeBits(list[i]) != 0) {
                if (i < 64) {
                    nSum0[node] |= 1L << i;
                } else {
                    sm[(i >>> 6) - 1] |= 1L << i;
                }
            }
        }
        refreshCur(node);
    }

    // ---------------------------------------------------------------- hot path

    /**
     * Takes the node's lowest free address for pod {@code podId}.
     *
     * @return the location ({@code block << 6 | bit}), or -1 if the node has no free address
     */
    int allocate(int node, int podId) {
        int b = nCur[node];
        if (b < 0) {
            return -1;
        }
        long[] words = this.words;
        int w = wi(b);
        long used = words[w + USED];
        long poslen = words[w + POSLEN];
        long free = (-1L >>> (64 - (int) poslen)) & ~(used | words[w + QUAR]);
        int bit = Long.numberOfTrailingZeros(free);
        words[w + USED] = used | (1L << bit);
        int loc = (b << 6) | bit;
        holders[(b << holderShift) | bit] = podId;
        if ((free & (free - 1)) == 0) {
            clearSummary(node, (int) (poslen >>> 32), b);
        }
        held++;
        return loc;
    }

    /** Released by a pod: into quarantine. */
    void release(int loc, long now) {
        int b = loc >>> 6;
        long m = 1L << loc;
        int w = wi(b);
        words[w] &= ~m;
        words[w + 1] |= m;
        held--;
        nodeQuarantined++;
        resting.push(gen(b), loc, now + quarantineMillis);
    }

    /** Undo of an allocation never published: free at once. */
    void undo(int loc) {
        int b = loc >>> 6;
        words[wi(b)] &= ~(1L << loc);
        setSummary(nodeOf(b), pos(b), b);
        held--;
    }

    /** Frees rested addresses and reclaims surplus idle blocks. Amortised O(1) per event. */
    void maintain(long now) {
        global.expire(now);
        LocRing r = resting;
        while (r.headDue(now)) {
            long e = r.headEntry();
            r.pop();
            int loc = (int) e;
            int b = loc >>> 6;
            if (gen(b) == (int) (e >>> 32) && nodeOf(b) >= 0) {
                int w = wi(b);
                words[w + 1] &= ~(1L << loc);
                setSummary(nodeOf(b), pos(b), b);
                nodeQuarantined--;
                if (words[w] == 0 && words[w + 1] == 0) {
                    bIdle[b] = now;
                    idle.push(gen(b), b << 6, now + quarantineMillis);
                }
            }
        }
        while (idle.headDue(now)) {
            long e = idle.headEntry();
            long since = idle.headDueMillis() - quarantineMillis;
            idle.pop();
            int b = (int) e >>> 6;
            if (gen(b) == (int) (e >>> 32) && nodeOf(b) >= 0 && isIdle(b) && idleSince(b) == since) {
                reclaimSurplus(nodeOf(b), now);
            }
        }
    }

    /**
     * Beyond Cisco: returns idle blocks of a node to the pool while more than two chunks' worth of
     * its addresses have been entirely free for at least the quarantine; highest blocks go first.
     */
    private void reclaimSurplus(int node, long now) {
        long eligible = 0;
        int[] list = nBlocks[node];
        for (int i = 0; i < nCount[node]; i++) {
            int b = list[i];
            if (isIdle(b) && now - idleSince(b) >= quarantineMillis) {
                eligible += len(b);
            }
        }
        long keep = 2L * chunkSize;
        for (int i = nCount[node] - 1; i >= 0 && eligible > keep; i--) {
            int b = nBlocks[node][i];
            if (isIdle(b) && now - idleSince(b) >= quarantineMillis && eligible - len(b) >= keep) {
                Address base = base(b);
                Address last = last(b);
                int len = len(b);
                removeBlock(b);
                global.giveBack(base, last);
                eligible -= len;
                moved(node, new AddressRange(base, last), false, "reclaimed: idle");
            }
        }
    }

    // ---------------------------------------------------------------- chunks and restore

    /** Gives the node one more chunk, all or nothing. */
    boolean grantChunk(int node, String why) {
        List<AddressRange> pieces = global.takeLowest(chunkSize);
        if (pieces == null) {
            return false;
        }
        long now = clock.now();
        for (AddressRange piece : pieces) {
            addAsBlocks(node, piece, now);
            moved(node, piece, true, why);
        }
        return true;
    }

    private void addAsBlocks(int node, AddressRange piece, long now) {
        Address start = piece.start();
        long remaining = piece.sizeCapped();
        while (remaining > 0) {
            int len = (int) Math.min(blockMax, remaining);
            int b = newBlock(start, len, now);
            insertBlock(node, b);
            blocksByBase.put(start, b);
            idle.push(gen(b), b << 6, now + quarantineMillis);
            remaining -= len;
            if (remaining > 0) {
                start = start.plus(len);
            }
        }
    }

    /** Restore: claims the free parts of a range for a node; the rest is reported. */
    void claimForNode(int node, AddressRange range, List<Conflict> conflicts) {
        List<AddressRange> claimed = new ArrayList<>();
        global.claimRange(range, claimed, conflicts);
        long now = clock.now();
        for (AddressRange piece : claimed) {
            addAsBlocks(node, piece, now);
            moved(node, piece, true, "restored from annotation");
        }
    }

    /** Offset of {@code a} in block {@code b}, or -1 if the block does not contain it. */
    private int offsetIn(int b, Address a) {
        int w = wi(b);
        long hi = bases[b << 1];
        long lo = bases[(b << 1) + 1];
        if (compareBase(a.hi(), a.lo(), hi, lo) < 0) {
            return -1;
        }
        long diffLo = a.lo() - lo;
        long borrow = Long.compareUnsigned(a.lo(), lo) < 0 ? 1 : 0;
        long diffHi = a.hi() - hi - borrow;
        return diffHi == 0 && Long.compareUnsigned(diffLo, len(b)) < 0 ? (int) diffLo : -1;
    }

    /** The location of {@code a} if it lies in one of the node's blocks, else -1. O(log blocks). */
    int find(int node, Address a) {
        int[] list = nBlocks[node];
        int lo = 0;
        int hi = nCount[node] - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int b = list[mid];
            if (compareBase(bases[(b) << 1], bases[((b) << 1) + 1], a.hi(), a.lo()) <= 0) {
                found = b;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        int off = offsetIn(found, a);
        return off < 0 ? -1 : (found << 6) | off;
    }

    /** The location of {@code a} in any node's blocks, or -1. O(log blocks). */
    int locate(Address a) {
        Map.Entry<Address, Integer> e = blocksByBase.floorEntry(a);
        if (e == null) {
            return -1;
        }
        int b = e.getValue();
        int off = offsetIn(b, a);
        return off < 0 ? -1 : (b << 6) | off;
    }

    /** Pod id holding the location, or -1. */
    int holder(int loc) {
        return (words[wi(loc >>> 6)] & (1L << loc)) != 0 ? holders[holderIdx(loc)] : -1;
    }

    boolean isQuarantined(int loc) {
        return (words[wi(loc >>> 6) + 1] & (1L << loc)) != 0;
    }

    /** Claims one specific free location for pod {@code podId} (restore). */
    void claimOn(int loc, int podId) {
        int b = loc >>> 6;
        int w = wi(b);
        words[w] |= 1L << loc;
        holders[holderIdx(loc)] = podId;
        if (freeBits(b) == 0) {
            clearSummary(nodeOf(b), pos(b), b);
        }
        held++;
    }

    /** Pod ids holding addresses on the node, block by block, low to high (duplicates possible). */
    void holdersOf(int node, IntConsumer sink) {
        int[] list = nBlocks[node];
        for (int i = 0; i < nCount[node]; i++) {
            int b = list[i];
            long used = words[wi(b)];
            while (used != 0) {
                int bit = Long.numberOfTrailingZeros(used);
                used &= used - 1;
                sink.accept(holders[(b << holderShift) | bit]);
            }
        }
    }

    /**
     * Node removal: free addresses go straight back to the pool; held and quarantined ones rest in the
     * pool's quarantine first (their holders are gone with the node).
     */
    void removeNode(int node) {
        while (nCount[node] > 0) {
            int b = nBlocks[node][0];
            Address base = base(b);
            Address lastAddr = last(b);
            int len = len(b);
            long used = words[wi(b)];
            long quar = words[wi(b) + 1];
            held -= Long.bitCount(used);
            nodeQuarantined -= Long.bitCount(quar);
            long busy = used | quar;
            removeBlock(b);
            int bit = 0;
            while (bit < len) {
                boolean isBusy = (busy & (1L << bit)) != 0;
                int end = bit;
                while (end + 1 < len && ((busy & (1L << (end + 1))) != 0) == isBusy) {
                    end++;
                }
                global.giveBack(base.plus(bit), base.plus(end));
                if (isBusy) {
                    for (int k = bit; k <= end; k++) {
                        Address a = base.plus(k);
                        global.claim(a);
                        global.release(a);
                    }
                }
                bit = end + 1;
            }
            moved(node, new AddressRange(base, lastAddr), false, "node removed");
        }
        nBlocks[node] = null;
        nSumMore[node] = null;
        nSum0[node] = 0;
        nCur[node] = -1;
        nAddr[node] = 0;
    }

    /** The node's ranges of this family, coalesced, low to high (the annotation content). */
    List<AddressRange> ranges(int node) {
        List<AddressRange> out = new ArrayList<>();
        Address start = null;
        Address end = null;
        int[] list = nBlocks[node];
        for (int i = 0; i < nCount[node]; i++) {
            int b = list[i];
            Address base = base(b);
            if (end != null && !end.isFamilyMax() && end.next().equals(base)) {
                end = last(b);
                continue;
            }
            if (start != null) {
                out.add(new AddressRange(start, end));
            }
            start = base;
            end = last(b);
        }
        if (start != null) {
            out.add(new AddressRange(start, end));
        }
        return out;
    }

    /** Free (neither held nor resting) addresses in the node's blocks, by walking them. */
    long freeOnNodeByWalk(int node) {
        long free = 0;
        int[] list = nBlocks[node];
        for (int i = 0; i < nCount[node]; i++) {
            free += Long.bitCount(freeBits(list[i]));
        }
        return free;
    }

    /** Held and resting addresses in the node's blocks, by walking them (tests). */
    long busyOnNodeByWalk(int node) {
        long busy = 0;
        int[] list = nBlocks[node];
        for (int i = 0; i < nCount[node]; i++) {
            busy += Long.bitCount(words[wi(list[i])] | words[wi(list[i]) + 1]);
        }
        return busy;
    }
}
