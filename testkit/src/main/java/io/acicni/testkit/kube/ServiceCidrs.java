package io.acicni.testkit.kube;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's service CIDRs, one per family, in the order given: the first one is the cluster's
 * primary family (what {@code --service-cluster-ip-range=<a>,<b>} means to a real API server).
 */
public final class ServiceCidrs {
    public static final String DEFAULT_V4 = "10.96.0.0/16";
    public static final String DEFAULT_V6 = "fd00:96::/108";

    private final List<IPAddress> cidrs;

    private ServiceCidrs(List<IPAddress> cidrs) {
        this.cidrs = List.copyOf(cidrs);
    }

    /** 10.96.0.0/16 then fd00:96::/108: a dual-stack cluster with IPv4 primary. */
    public static ServiceCidrs defaults() {
        return of(DEFAULT_V4, DEFAULT_V6);
    }

    /** One or two CIDRs of different families; the first decides the primary family. */
    public static ServiceCidrs of(String... cidrs) {
        if (cidrs == null || cidrs.length == 0 || cidrs.length > 2) {
            throw new IllegalArgumentException("service CIDRs: give one or two (one per family), got "
                    + (cidrs == null ? 0 : cidrs.length));
        }
        List<IPAddress> parsed = new ArrayList<>();
        for (int i = 0; i < cidrs.length; i++) {
            IPAddress cidr = parse("serviceCidrs[" + i + "]", cidrs[i]);
            for (IPAddress other : parsed) {
                if (IpFamilies.of(other).equals(IpFamilies.of(cidr))) {
                    throw new IllegalArgumentException("serviceCidrs[" + i + "]: a second " + IpFamilies.of(cidr)
                            + " range '" + cidrs[i] + "'; give at most one per family");
                }
            }
            parsed.add(cidr);
        }
        return new ServiceCidrs(parsed);
    }

    private static IPAddress parse(String field, String text) {
        try {
            IPAddress address = new IPAddressString(text == null ? "" : text.trim()).toAddress();
            if (address.getNetworkPrefixLength() == null) {
                throw new IllegalArgumentException(field + ": '" + text + "' has no prefix length (want a CIDR such as 10.96.0.0/16)");
            }
            IPAddress network = address.toPrefixBlock();
            int hostBits = address.getBitCount() - address.getNetworkPrefixLength();
            if (hostBits < 2) {
                throw new IllegalArgumentException(field + ": '" + text + "' is too small to hold service addresses");
            }
            if (address.isIPv6() && address.getNetworkPrefixLength() < 64) {
                throw new IllegalArgumentException(field + ": IPv6 service range '" + text + "' must be /64 or longer");
            }
            return network;
        } catch (AddressStringException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a CIDR: " + e.getMessage(), e);
        }
    }

    /** The ranges in cluster order. */
    public List<IPAddress> ranges() {
        return cidrs;
    }

    /** The families in cluster order ({@code IPv4}, {@code IPv6}). */
    public List<String> families() {
        return cidrs.stream().map(IpFamilies::of).toList();
    }

    public String primaryFamily() {
        return families().get(0);
    }

    public boolean dualStack() {
        return cidrs.size() == 2;
    }

    /** The range of a family, or null when the cluster has none. */
    public IPAddress range(String family) {
        return cidrs.stream().filter(c -> IpFamilies.of(c).equals(family)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return String.join(",", cidrs.stream().map(IPAddress::toCanonicalString).toList());
    }
}
