package io.acicni.ipam.allocator;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address held as an unsigned 128-bit number in two longs ({@code hi}, {@code lo});
 * IPv4 uses the low 32 bits of {@code lo}. Immutable. Arithmetic is primitive (no BigInteger); the
 * IPAddress library is used only to parse and print.
 */
public final class Address implements Comparable<Address> {
    private static final long V4_MAX = 0xFFFF_FFFFL;

    private final IpFamily family;
    private final long hi;
    private final long lo;

    private Address(IpFamily family, long hi, long lo) {
        this.family = family;
        this.hi = hi;
        this.lo = lo;
    }

    /** The address with the given 128-bit value; IPv4 requires {@code hi == 0} and a 32-bit {@code lo}. */
    public static Address of(IpFamily family, long hi, long lo) {
        Objects.requireNonNull(family, "family");
        if (family == IpFamily.V4 && (hi != 0 || (lo & ~V4_MAX) != 0)) {
            throw new IllegalArgumentException("not an IPv4 value: " + Long.toHexString(lo));
        }
        return new Address(family, hi, lo);
    }

    /** An IPv4 address from its 32-bit value. */
    public static Address v4(long value) {
        return of(IpFamily.V4, 0, value);
    }

    /**
     * Parses a textual IPv4 or IPv6 address (no prefix length).
     *
     * @throws IllegalArgumentException if the text is not a single address
     */
    public static Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address is null");
        }
        IPAddressString parsed = new IPAddressString(text.trim());
        IPAddress address = parsed.getAddress();
        if (address == null || address.isPrefixed() || address.isMultiple()) {
            throw new IllegalArgumentException("not a single IP address: '" + text + "'");
        }
        return from(address);
    }

    /** Converts from the IPAddress library's type (prefix length ignored; lowest address taken). */
    public static Address from(IPAddress address) {
        IPAddress lower = address.getLower().withoutPrefixLength();
        if (lower.isIPv4()) {
            return new Address(IpFamily.V4, 0, ((IPv4Address) lower).longValue());
        }
        byte[] bytes = lower.getBytes();
        return new Address(IpFamily.V6, toLong(bytes, 0), toLong(bytes, 8));
    }

    private static long toLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    public IpFamily family() {
        return family;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    /** The IPAddress library form (edge use: printing, CIDR math). */
    public IPAddress toIpAddress() {
        if (family == IpFamily.V4) {
            return new IPv4Address((int) lo);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new IPv6Address(bytes);
    }

    /** The 128-bit value as a BigInteger (edge use only: counters, diagnostics). */
    public BigInteger toBigInteger() {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
    }

    /** True if this is the highest address of its family (all ones). */
    public boolean isFamilyMax() {
        return family == IpFamily.V4 ? lo == V4_MAX : (hi == -1L && lo == -1L);
    }

    /** True if this is the lowest address of its family (all zeros). */
    public boolean isFamilyMin() {
        return hi == 0 && lo == 0;
    }

    /** This address plus {@code n} (n ≥ 0); the caller guarantees no overflow past the family maximum. */
    public Address plus(long n) {
        if (n == 0) {
            return this;
        }
        long newLo = lo + n;
        long newHi = Long.compareUnsigned(newLo, lo) < 0 ? hi + 1 : hi;
        return new Address(family, newHi, newLo);
    }

    /** The next address; the caller guarantees this is not the family maximum. */
    public Address next() {
        return plus(1);
    }

    /** The previous address; the caller guarantees this is not the family minimum. */
    public Address previous() {
        return new Address(family, lo == 0 ? hi - 1 : hi, lo - 1);
    }

    /**
     * Number of addresses in the inclusive range [start, end], saturating at {@link Long#MAX_VALUE};
     * requires {@code start <= end}.
     */
    public static long countCapped(Address start, Address end) {
        long diffLo = end.lo - start.lo;
        long borrow = Long.compareUnsigned(end.lo, start.lo) < 0 ? 1 : 0;
        long diffHi = end.hi - start.hi - borrow;
        if (diffHi != 0 || diffLo < 0 || diffLo == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return diffLo + 1;
    }

    /** Offset of this address from {@code base} if it is in [0, limit), else -1. Requires the same family. */
    public int offsetFrom(Address base, int limit) {
        if (compareTo(base) < 0) {
            return -1;
        }
        long count = countCapped(base, this) - 1;
        return count < limit ? (int) count : -1;
    }

    @Override
    public int compareTo(Address other) {
        int c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && a.lo == lo && a.hi == hi && a.family == family;
    }

    @Override
    public int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        return (int) (h ^ (h >>> 32)) + family.ordinal();
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 compressed lower case for IPv6. */
    @Override
    public String toString() {
        return toIpAddress().toCanonicalString();
    }
}
