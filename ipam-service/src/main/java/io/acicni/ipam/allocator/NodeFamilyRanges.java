package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pod ranges of one node in one family: blocks sorted by address plus a summary bitset (bit i
 * set ⇔ block i has a free address). Lowest free address = first set summary bit, then the lowest
 * free bit of that block: O(blocks/64), which is O(1) for any realistic node (64 blocks = 2,048
 * addresses per summary word). Adding or removing a block (a chunk move) is O(blocks).
 */
final class NodeFamilyRanges {
    final String nodeName;
    private Block[] blocks = new Block[4];
    private int count;
    /** Summary bits of blocks 0..63, inline so the common node needs no extra cache line. */
    private long summary0;
    /** Summary bits of blocks 64.. (word w-1 covers blocks 64w..64w+63); empty for most nodes. */
    private long[] summaryMore = new long[0];
    long addresses;

    NodeFamilyRanges(String nodeName) {
        this.nodeName = nodeName;
    }

    int blockCount() {
        return count;
    }

    Block block(int i) {
        return blocks[i];
    }

    /** Block holding the lowest free address, or null. */
    Block lowestFree() {
        if (summary0 != 0) {
            return blocks[Long.numberOfTrailingZeros(summary0)];
        }
        for (int w = 0; w < summaryMore.length; w++) {
            long s = summaryMore[w];
            if (s != 0) {
                return blocks[((w + 1) << 6) + Long.numberOfTrailingZeros(s)];
            }
        }
        return null;
    }

    private void setSummary(int i) {
        if (i < 64) {
            summary0 |= 1L << i;
        } else {
            summaryMore[(i >>> 6) - 1] |= 1L << i;
        }
    }

    private void clearSummary(int i) {
        if (i < 64) {
            summary0 &= ~(1L << i);
        } else {
            summaryMore[(i >>> 6) - 1] &= ~(1L << i);
        }
    }

    void markUsed(Block b, int bit, PodAllocation holder) {
        long m = 1L << bit;
        b.used |= m;
        b.holders[bit] = holder;
        if (b.freeBits() == 0) {
            clearSummary(b.index);
        }
    }

    /** Held → quarantined: touches the block only (the stale holder entry is ignored once the used bit is clear). */
    static void markQuarantined(Block b, int bit) {
        long m = 1L << bit;
        b.used &= ~m;
        b.quarantined |= m;
    }

    /** Quarantined → free. */
    void markRested(Block b, int bit) {
        b.quarantined &= ~(1L << bit);
        setSummary(b.index);
    }

    /** Held → free at once (undo of an unpublished allocation). */
    void undoUse(Block b, int bit) {
        b.used &= ~(1L << bit);
        setSummary(b.index);
    }

    /** Block containing {@code a}, or null: binary search over the sorted blocks, O(log blocks). */
    Block find(Address a) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (blocks[mid].base.compareTo(a) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        Block b = blocks[found];
        return a.offsetFrom(b.base, b.length) >= 0 ? b : null;
    }

    /** Inserts a block keeping address order. */
    void insert(Block b) {
        if (count == blocks.length) {
            blocks = Arrays.copyOf(blocks, count * 2);
        }
        int pos = count;
        while (pos > 0 && blocks[pos - 1].base.compareTo(b.base) > 0) {
            blocks[pos] = blocks[pos - 1];
            pos--;
        }
        blocks[pos] = b;
        count++;
        b.owner = this;
        addresses += b.length;
        reindexFrom(pos);
    }

    /** Removes a block (chunk reclaim, node removal); the block is detached. */
    void remove(Block b) {
        int pos = b.index;
        System.arraycopy(blocks, pos + 1, blocks, pos, count - pos - 1);
        blocks[--count] = null;
        addresses -= b.length;
        b.owner = null;
        b.index = -1;
        reindexFrom(pos);
    }

    private void reindexFrom(int pos) {
        int moreWords = Math.max(0, (count + 63) >>> 6) - 1;
        if (moreWords < 0) {
            moreWords = 0;
        }
        if (summaryMore.length != moreWords) {
            summaryMore = Arrays.copyOf(summaryMore, moreWords);
        }
        for (int i = pos; i < count; i++) {
            blocks[i].index = i;
        }
        int fromWord = pos >>> 6;
        if (fromWord == 0) {
            summary0 = 0;
        }
        for (int w = Math.max(1, fromWord); w <= summaryMore.length; w++) {
            summaryMore[w - 1] = 0;
        }
        for (int i = fromWord << 6; i < count; i++) {
            if (blocks[i].freeBits() != 0) {
                setSummary(i);
            }
        }
    }

    /** The node's ranges of this family, coalesced, low to high (the annotation content). */
    List<AddressRange> ranges() {
        List<AddressRange> out = new ArrayList<>();
        Address start = null;
        Address end = null;
        for (int i = 0; i < count; i++) {
            Block b = blocks[i];
            if (end != null && !end.isFamilyMax() && end.next().equals(b.base)) {
                end = b.last();
                continue;
            }
            if (start != null) {
                out.add(new AddressRange(start, end));
            }
            start = b.base;
            end = b.last();
        }
        if (start != null) {
            out.add(new AddressRange(start, end));
        }
        return out;
    }

    /** Snapshot of the blocks, low to high. */
    List<Block> blocks() {
        return new ArrayList<>(Arrays.asList(blocks).subList(0, count));
    }
}
