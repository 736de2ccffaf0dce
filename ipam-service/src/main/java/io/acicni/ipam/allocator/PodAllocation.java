package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses one pod holds: one per configured family (at most two), in the cluster's
 * primary-family order. Handed out by {@link PodAllocator}; addresses are computed on demand (the
 * allocator itself holds only block references and bit numbers, in plain fields so that a release
 * touches as little memory as possible). Valid until the pod is released.
 */
public final class PodAllocation {
    private final String podKey;
    final NodeState node;
    private final List<IpFamily> families;
    private Block block0;
    private Block block1;
    private byte bit0;
    private byte bit1;

    PodAllocation(String podKey, NodeState node, List<IpFamily> families) {
        this.podKey = podKey;
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
