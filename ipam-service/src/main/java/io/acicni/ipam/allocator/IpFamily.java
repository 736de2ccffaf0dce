package io.acicni.ipam.allocator;

/** Address family of an address, a range or a pool. Pools never mix families. */
public enum IpFamily {
    V4(32),
    V6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Number of bits of an address of this family. */
    public int bits() {
        return bits;
    }
}
