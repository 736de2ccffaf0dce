package io.acicni.ipam.allocator;

/**
 * Per-node pod addressing state: one {@link NodeFamilyRanges} per configured family and the pod count.
 * Public only as an opaque <em>node handle</em> ({@link PodAllocator#node(String)}): a caller that
 * keeps it allocates with {@link PodAllocator#allocatePod(String, NodeState)} without a lookup by
 * name. A handle is valid until its node is removed; re-adding the node makes a new handle.
 */
public final class NodeState {
    final String name;
    final NodeFamilyRanges[] ranges;
    /** Pods holding addresses on the node (shared by all families, as in Cisco's chunk rule). */
    int pods;
    /** Set by {@link PodAllocator#removeNode}: the handle no longer names a registered node. */
    boolean removed;

    /** The allocator the node is registered with (a handle from another allocator is refused). */
    final PodAllocator owner;

    NodeState(PodAllocator owner, String name, int families) {
        this.owner = owner;
        this.name = name;
        this.ranges = new NodeFamilyRanges[families];
        for (int i = 0; i < families; i++) {
            ranges[i] = new NodeFamilyRanges(name);
        }
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** False once the node has been removed (the handle is then stale). */
    public boolean isRegistered() {
        return !removed;
    }

    @Override
    public String toString() {
        return name + (removed ? " (removed)" : "");
    }
}
