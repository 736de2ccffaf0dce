package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses one pod holds: one per configured family (at most two), in the cluster's
 * primary-family order. Handed out by {@link PodAllocator}. The object is also the pod's
 * <em>handle</em>: a caller that keeps it can release the pod with
 * {@link PodAllocator#releasePod(PodAllocation)}, which needs no lookup by key. It carries the pod's
 * dense id, its node, and per family the location in the node's blocks ({@code block << 6 | bit})
 * plus the address value itself, so that a release reads nothing but this object, the key index
 * line and the two block words. Held until the pod is released ({@link #isHeld()}); the addresses
 * stay readable afterwards (what was released).
 */
public final class PodAllocation {
    private final String podKey;
    final NodeState node;
    /** {@link PodIndex#hashOf} of the key, kept so the index never re-reads the key string. */
    final int hash;
    /** Pod id in the owner's {@link PodIndex}; -1 once not held (released). */
    int id;
    /** Per family slot: {@code block << 6 | bit} in that family's {@link PodPool}, or -1. */
    final int loc0;
    final int loc1;
    private final long hi0;
    private final long lo0;
    private final long hi1;
    private final long lo1;

    /** The index of the allocator that handed this out (a handle from another allocator is refused). */
    final PodIndex owner;

    PodAllocation(PodIndex owner, String podKey, int hash, int id, NodeState node,
            int loc0, long hi0, long lo0, int loc1, long hi1, long lo1) {
        this.owner = owner;
        this.podKey = podKey;
        this.hash = hash;
        this.id = id;
        this.node = node;
        this.loc0 = loc0;
        this.hi0 = hi0;
        this.lo0 = lo0;
        this.loc1 = loc1;
        this.hi1 = hi1;
        this.lo1 = lo1;
    }

    int loc(int slot) {
        return slot == 0 ? loc0 : loc1;
    }

    /** Low 64 bits of the slot's address (the benchmarks' sink). */
    long lo(int slot) {
        return slot == 0 ? lo0 : lo1;
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
        return id >= 0;
    }

    private List<IpFamily> families() {
        return node.owner.families();
    }

    private Address addressAt(int slot) {
        List<IpFamily> families = families();
        return slot == 0
                ? (loc0 < 0 ? null : Address.of(families.get(0), hi0, lo0))
                : (loc1 < 0 ? null : Address.of(families.get(1), hi1, lo1));
    }

    /** One address per configured family, primary family first. */
    public List<Address> addresses() {
        List<Address> out = new ArrayList<>(2);
        for (int i = 0; i < families().size(); i++) {
            Address a = addressAt(i);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** The address of one family, or null if the pod has none of that family. */
    public Address address(IpFamily family) {
        int i = families().indexOf(family);
        return i < 0 ? null : addressAt(i);
    }

    @Override
    public String toString() {
        return podKey + "@" + node.name + addresses();
    }
}
