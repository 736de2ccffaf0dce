package io.acicni.ipam.allocator;

/**
 * A registered node: its name and its dense {@code int} id, the index of its state in the
 * allocator's and pools' primitive arrays (pod count, addresses, free-block summary, block list).
 * Public only as an opaque <em>node handle</em> ({@link PodAllocator#node(String)}): a caller that
 * keeps it allocates with {@link PodAllocator#allocatePod(String, NodeState)} without a lookup by
 * name. A handle is valid until its node is removed; re-adding the node makes a new handle (the id
 * may be reused).
 */
public final class NodeState {
    final String name;
    final int id;
    /** Set by {@link PodAllocator#removeNode}: the handle no longer names a registered node. */
    boolean removed;

    /** The allocator the node is registered with (a handle from another allocator is refused). */
    final PodAllocator owner;

    NodeState(PodAllocator owner, String name, int id) {
        this.owner = owner;
        this.name = name;
        this.id = id;
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
