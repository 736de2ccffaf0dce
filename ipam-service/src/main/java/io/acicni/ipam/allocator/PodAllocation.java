package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses one pod holds: one per configured family (at most two), in the cluster's
 * primary-family order. Handed out by {@link PodAllocator}; addresses are computed on demand (the
 * allocator itself holds only block references and bit numbers, in plain fields so that a release
 * touches as little memory as possible). The object is also the pod's <em>handle</em>: a caller that
 * keeps it can release the pod with {@link PodAllocator#releasePod(PodAllocation)}, which needs no
 * lookup by key. Held until the pod is released ({@link #isHeld()}); the addresses stay readable
 * afterwards (what was released).
 */
public final class PodAllocation {
    private final String podKey;
    final NodeState node;
    private final List<IpFamily> families;
    private Block block0;
    private Block block1;
    private byte bit0;
    private byte bit1;
    /** {@link PodIndex#hashOf} of the key, kept so the index never re-reads the key string. */
    final int hash;
    /** Slot in the allocator's {@link PodIndex}; -1 while not held (not yet placed, or released). */
    int slot = -1;

    /** The allocator that handed this out (a handle from another allocator is refused). */
    final PodAllocator owner;

    PodAllocation(PodAllocator owner, String podKey, int hash, NodeState node, List<IpFamily> families) {
        this.owner = owner;
        this.podKey = podKey;
        this.hash = hash;
        this.node = node;
        this.families = families;
    }

    Block block(int slot) {
        return slot == 0 ? block0 : block1;
    }

    int bit(int slot) {
        return slot == 0 ? bit0 : bit1;
    }

    void set(int slot, Block block, int bit) {
        if (slot == 0) {
            block0 = block;
            bit0 = (byte) bit;
        } else {
            block1 = block;
            bit1 = (byte) bit;
        }
    }

    public String podKey() {
        return podKey;
    }

    public String node() {
        return node.name;
    }

    /**
     * True while the pod holds its addresses: from a successful allocation or restore until it is
     * released (by key, by handle, or with its node).
     */
    public boolean isHeld() {
        return slot >= 0;
    }

    /** One address per configured family, primary family first. */
    public List<Address> addresses() {
        List<Address> out = new ArrayList<>(2);
        for (int i = 0; i < families.size(); i++) {
            Block b = block(i);
            if (b != null) {
                out.add(b.addressOf(bit(i)));
            }
        }
        return out;
    }

    /** The address of one family, or null if the pod has none of that family. */
    public Address address(IpFamily family) {
        int i = families.indexOf(family);
        Block b = i < 0 ? null : block(i);
        return b == null ? null : b.addressOf(bit(i));
    }

    @Override
    public String toString() {
        return podKey + "@" + node.name + addresses();
    }
}
