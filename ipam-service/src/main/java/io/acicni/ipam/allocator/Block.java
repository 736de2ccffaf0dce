package io.acicni.ipam.allocator;

/**
 * Up to 64 consecutive addresses of a node's range with one bit each: {@code used} (held by a pod)
 * and {@code quarantined} (released, resting). Pod allocation and release on a node are bit
 * operations on a block.
 */
final class Block {
    final Address base;
    final int length;
    final long mask;
    long used;
    long quarantined;
    /** Millis since which the block has had neither held nor quarantined addresses. */
    long idleSince;
    /** Position in the owner's sorted block array; -1 once detached. */
    int index = -1;
    NodeFamilyRanges owner;
    /** Holder per bit; meaningful only while the bit's {@code used} flag is set. */
    final PodAllocation[] holders;

    Block(Address base, int length) {
        if (length < 1 || length > 64) {
            throw new IllegalArgumentException("block length " + length);
        }
        this.base = base;
        this.length = length;
        this.mask = length == 64 ? -1L : (1L << length) - 1;
        this.holders = new PodAllocation[length];
    }

    /** The pod holding the bit, or null. */
    PodAllocation holder(int bit) {
        return (used & (1L << bit)) != 0 ? holders[bit] : null;
    }

    long freeBits() {
        return mask & ~(used | quarantined);
    }

    boolean isIdle() {
        return used == 0 && quarantined == 0;
    }

    boolean isAttached() {
        return owner != null;
    }

    Address addressOf(int bit) {
        return base.plus(bit);
    }

    Address last() {
        return base.plus(length - 1L);
    }
}
