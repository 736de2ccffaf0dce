package io.acicni.netconfig.ip;

import inet.ipaddr.IPAddress;

import java.util.Objects;

/**
 * A subnet as acc-provision's input writes it: {@code <address>/<prefix length>}, where the
 * address is usually the gateway (host bits allowed, like Python's {@code strict=False}).
 *
 * <p>Every value derived here follows acc-provision's {@code cidr_split}: gateway = network+1,
 * first pool address = network+2, last pool address = last address-1.
 */
public final class Cidr {
    private final String text;
    private final IPAddress address;
    private final int prefixLength;
    private final IPAddress block;

    Cidr(String text, IPAddress address, int prefixLength) {
        this.text = Objects.requireNonNull(text);
        this.address = address.withoutPrefixLength();
        this.prefixLength = prefixLength;
        this.block = this.address.setPrefixLength(prefixLength, false).toPrefixBlock();
    }

    /** Parses {@code <address>/<len>}; see {@link CidrParser} for the failures. */
    public static Cidr parse(String text) throws CidrFormatException, MalformedAddressException {
        return CidrParser.parse(text);
    }

    /** The text exactly as the user typed it. */
    public String text() {
        return text;
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** The address typed before the {@code /}. */
    public IPAddress address() {
        return address;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public IPAddress networkAddress() {
        return block.getLower().withoutPrefixLength();
    }

    public IPAddress lastAddress() {
        return block.getUpper().withoutPrefixLength();
    }

    /** network+1, the gateway acc-provision computes whatever address was typed. */
    public IPAddress gateway() {
        return networkAddress().increment(1);
    }

    /** network+2, the first address of a pool derived from this subnet. */
    public IPAddress firstPoolAddress() {
        return networkAddress().increment(2);
    }

    /** last-1, the last address of a pool derived from this subnet. */
    public IPAddress lastPoolAddress() {
        return lastAddress().increment(-1);
    }

    /** {@code <network>/<len>} in RFC 5952 text, e.g. {@code 1:2:1:1::/64}. */
    public String networkText() {
        return IpText.format(networkAddress()) + "/" + prefixLength;
    }

    /** The prefix block (network with prefix length) for containment and overlap tests. */
    public IPAddress block() {
        return block;
    }

    public boolean isNetworkAddressTyped() {
        return address.equals(networkAddress());
    }

    public boolean contains(IPAddress candidate) {
        return IpFamily.of(candidate) == family() && block.contains(candidate.withoutPrefixLength());
    }

    /** True when both subnets are of the same family and share at least one address. */
    public boolean overlaps(Cidr other) {
        return family() == other.family()
                && (block.contains(other.block) || other.block.contains(block));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
