package io.acicni.testkit.kube;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands out service cluster IPs from the {@link ServiceCidrs}, one family at a time: the next free
 * address after the last one given (skipping the network address and, for IPv4, the broadcast
 * address), wrapping around. Thread-safe.
 */
public final class ClusterIpAllocator {
    private final ServiceCidrs cidrs;
    private final Map<String, Set<String>> used = new HashMap<>();
    private final Map<String, BigInteger> cursor = new HashMap<>();

    public ClusterIpAllocator(ServiceCidrs cidrs) {
        this.cidrs = cidrs;
        for (String family : cidrs.families()) {
            used.put(family, new HashSet<>());
            cursor.put(family, BigInteger.ZERO);
        }
    }

    public ServiceCidrs cidrs() {
        return cidrs;
    }

    /** The next free address of a family, marked used. */
    public synchronized String allocate(String family) {
        IPAddress range = cidrs.range(family);
        if (range == null) {
            throw new IllegalArgumentException("the cluster has no " + family + " service range (" + cidrs + ")");
        }
        int hostBits = range.getBitCount() - range.getNetworkPrefixLength();
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
        BigInteger first = BigInteger.ONE;
        BigInteger last = range.isIPv4() ? size.subtract(BigInteger.TWO) : size.subtract(BigInteger.ONE);
        BigInteger usable = last.subtract(first).add(BigInteger.ONE);
        BigInteger offset = cursor.get(family);
        Set<String> taken = used.get(family);
        if (BigInteger.valueOf(taken.size()).compareTo(usable) >= 0) {
            throw new IllegalStateException("service range " + range.toCanonicalString() + " is full");
        }
        BigInteger base = range.getLower().withoutPrefixLength().getValue();
        for (BigInteger tried = BigInteger.ZERO; tried.compareTo(usable) < 0; tried = tried.add(BigInteger.ONE)) {
            offset = offset.add(BigInteger.ONE);
            if (offset.compareTo(last) > 0) {
                offset = first;
            }
            String candidate = addressAt(range, base.add(offset));
            if (taken.add(candidate)) {
                cursor.put(family, offset);
                return candidate;
            }
        }
        throw new IllegalStateException("service range " + range.toCanonicalString() + " is full");
    }

    /** Marks an address used; false when it is outside the ranges or already used. */
    public synchronized boolean reserve(String address) {
        IPAddress parsed = parse(address);
        if (parsed == null) {
            return false;
        }
        String family = IpFamilies.of(parsed);
        IPAddress range = cidrs.range(family);
        if (range == null || !range.contains(parsed)) {
            return false;
        }
        return used.get(family).add(IpFamilies.canonical(parsed));
    }

    public synchronized boolean inUse(String address) {
        IPAddress parsed = parse(address);
        return parsed != null && used.getOrDefault(IpFamilies.of(parsed), Set.of()).contains(IpFamilies.canonical(parsed));
    }

    public synchronized void release(String address) {
        IPAddress parsed = parse(address);
        if (parsed != null && used.containsKey(IpFamilies.of(parsed))) {
            used.get(IpFamilies.of(parsed)).remove(IpFamilies.canonical(parsed));
        }
    }

    /** True when the address lies in the cluster's range of its family. */
    public boolean inRange(String address) {
        IPAddress parsed = parse(address);
        if (parsed == null) {
            return false;
        }
        IPAddress range = cidrs.range(IpFamilies.of(parsed));
        return range != null && range.contains(parsed);
    }

    private static IPAddress parse(String address) {
        return address == null ? null : new IPAddressString(address.trim()).getAddress();
    }

    private static String addressAt(IPAddress range, BigInteger value) {
        byte[] raw = value.toByteArray();
        int length = range.getByteCount();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        IPAddress address = range.isIPv4()
                ? new inet.ipaddr.ipv4.IPv4Address(bytes)
                : new inet.ipaddr.ipv6.IPv6Address(bytes);
        return IpFamilies.canonical(address);
    }
}
