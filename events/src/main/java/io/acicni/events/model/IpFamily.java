package io.acicni.events.model;

import inet.ipaddr.IPAddress;

/** An IP family, named as Kubernetes names it in {@code spec.ipFamilies}: {@code IPv4}, {@code IPv6}. */
public enum IpFamily {
    IPv4,
    IPv6;

    /** The family of an address. */
    public static IpFamily of(IPAddress address) {
        return address.isIPv4() ? IPv4 : IPv6;
    }

    /** The key Cisco's annotations use for this family: {@code V4} or {@code V6}. */
    public String annotationKey() {
        return this == IPv4 ? "V4" : "V6";
    }
}
