package io.acicni.netconfig.ip;

import inet.ipaddr.IPAddress;

/** The two IP families of a dual-stack cluster. */
public enum IpFamily {
    IPV4("IPv4", 32, "0.0.0.0/0"),
    IPV6("IPv6", 128, "::/0");

    private final String label;
    private final int maxPrefixLength;
    private final String defaultRoute;

    IpFamily(String label, int maxPrefixLength, String defaultRoute) {
        this.label = label;
        this.maxPrefixLength = maxPrefixLength;
        this.defaultRoute = defaultRoute;
    }

    /** "IPv4" or "IPv6", as acc-provision names the families. */
    public String label() {
        return label;
    }

    public int maxPrefixLength() {
        return maxPrefixLength;
    }

    /** The default route destination of this family: {@code 0.0.0.0/0} or {@code ::/0}. */
    public String defaultRoute() {
        return defaultRoute;
    }

    /**
     * The longest prefix that still leaves a network address, a gateway, at least one pool
     * address and a last address: /30 for IPv4, /126 for IPv6.
     */
    public int longestUsablePrefixLength() {
        return maxPrefixLength - 2;
    }

    public static IpFamily of(IPAddress address) {
        return address.isIPv4() ? IPV4 : IPV6;
    }
}
