package io.acicni.testkit.kube;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** Kubernetes family names ({@code IPv4}, {@code IPv6}) for addresses. */
public final class IpFamilies {
    public static final String IPV4 = "IPv4";
    public static final String IPV6 = "IPv6";

    private IpFamilies() {
    }

    public static String of(IPAddress address) {
        return address.isIPv4() ? IPV4 : IPV6;
    }

    /** The family of an address in text, or null when the text is not a single address. */
    public static String ofText(String address) {
        if (address == null) {
            return null;
        }
        IPAddress parsed = new IPAddressString(address.trim()).getAddress();
        return parsed == null ? null : of(parsed);
    }

    public static String other(String family) {
        return IPV4.equals(family) ? IPV6 : IPV4;
    }

    public static boolean valid(String family) {
        return IPV4.equals(family) || IPV6.equals(family);
    }

    /** Canonical text of an address (RFC 5952 for IPv6), without prefix. */
    public static String canonical(IPAddress address) {
        return address.withoutPrefixLength().toCanonicalString();
    }
}
