package io.acicni.ipam.allocator;

/** Per-node pod addressing state: one {@link NodeFamilyRanges} per configured family and the pod count. */
final class NodeState {
    final String name;
    final NodeFamilyRanges[] ranges;
    /** Pods holding addresses on the node (shared by all families, as in Cisco's chunk rule). */
    int pods;

    NodeState(String name, int families) {
        this.name = name;
        this.ranges = new NodeFamilyRanges[families];
        for (int i = 0; i < families; i++) {
            ranges[i] = new NodeFamilyRanges(name);
        }
    }
}
