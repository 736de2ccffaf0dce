package io.acicni.ipam.allocator;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses one pod holds: one per configured family, in the cluster's primary-family order.
 * Handed out by {@link PodAllocator}; addresses are computed on demand (the allocator itself holds
 * only block references and bit numbers). Valid until the pod is released.
 */
public final class PodAllocation {
    private final String podKey;
    private final String node;
    private final List<IpFamily> families;
    final Block[] blocks;
    final byte[] bits;

    PodAllocation(String podKey, String node, List<IpFamily> families) {
        this.podKey = podKey;
        this.node = node;
        this.families = families;
        this.blocks = new Block[families.size()];
        this.bits = new byte[families.size()];
    }

    public String podKey() {
        return podKey;
    }

    public String node() {
        return node;
    }

    /** One address per configured family, primary family first. */
    public List<Address> addresses() {
        List<Address> out = new ArrayList<>(blocks.length);
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] != null) {
                out.add(blocks[i].addressOf(bits[i]));
            }
        }
        return out;
    }

    /** The address of one family, or null if the cluster has no such family. */
    public Address address(IpFamily family) {
        int i = families.indexOf(family);
        return i < 0 || blocks[i] == null ? null : blocks[i].addressOf(bits[i]);
    }

    @Override
    public String toString() {
        return podKey + "@" + node + addresses();
    }
}
