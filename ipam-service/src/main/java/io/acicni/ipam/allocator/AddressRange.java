package io.acicni.ipam.allocator;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An inclusive range of addresses of one family ({@code {"start","end"}} in Cisco's formats). Both
 * ends must be of the same family (a v4-start / v6-end range is rejected, unlike Cisco's P11).
 */
public record AddressRange(Address start, Address end) {

    public AddressRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.family() != end.family()) {
            throw new IllegalArgumentException("range mixes families: " + start + " - " + end);
        }
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("range start after end: " + start + " - " + end);
        }
    }

    /** Parses {@code start} and {@code end} addresses. */
    public static AddressRange parse(String start, String end) {
        return new AddressRange(Address.parse(start), Address.parse(end));
    }

    /** A range of one address. */
    public static AddressRange single(Address address) {
        return new AddressRange(address, address);
    }

    /** Every address of a CIDR block, network and broadcast included (Cisco's subnetRange). */
    public static AddressRange ofCidr(String cidr) {
        IPAddress block = new inet.ipaddr.IPAddressString(cidr.trim()).getAddress();
        if (block == null) {
            throw new IllegalArgumentException("not a CIDR: '" + cidr + "'");
        }
        IPAddress prefixBlock = block.toPrefixBlock();
        return new AddressRange(Address.from(prefixBlock.getLower()), Address.from(prefixBlock.getUpper()));
    }

    public IpFamily family() {
        return start.family();
    }

    /** Number of addresses (edge use). */
    public BigInteger size() {
        return end.toBigInteger().subtract(start.toBigInteger()).add(BigInteger.ONE);
    }

    /** Number of addresses, saturating at {@link Long#MAX_VALUE}. */
    public long sizeCapped() {
        return Address.countCapped(start, end);
    }

    public boolean contains(Address address) {
        return address.family() == family() && start.compareTo(address) <= 0 && end.compareTo(address) >= 0;
    }

    /** Minimal list of aligned CIDR blocks covering exactly this range, low to high (Cisco's Range2Cidr). */
    public List<String> toCidrs() {
        List<String> cidrs = new ArrayList<>();
        for (IPAddress block : start.toIpAddress().spanWithPrefixBlocks(end.toIpAddress())) {
            cidrs.add(block.toCanonicalString());
        }
        return cidrs;
    }

    /** Sorts and coalesces overlapping or adjacent ranges of one family into a normal list. */
    public static List<AddressRange> normalize(List<AddressRange> ranges) {
        List<AddressRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(AddressRange::start));
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted) {
            if (!out.isEmpty()) {
                AddressRange last = out.get(out.size() - 1);
                if (last.family() != r.family()) {
                    throw new IllegalArgumentException("families mixed in one pool: " + last + ", " + r);
                }
                boolean touches = last.end().isFamilyMax() || last.end().next().compareTo(r.start()) >= 0;
                if (touches) {
                    if (r.end().compareTo(last.end()) > 0) {
                        out.set(out.size() - 1, new AddressRange(last.start(), r.end()));
                    }
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
