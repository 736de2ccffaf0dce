package io.acicni.testkit.kube;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** One address a CNI ADD gave a pod: the address and its prefix length ({@code 10.2.0.5/24}). */
public record CniAddress(IPAddress address, int prefixLength) {
    public CniAddress {
        if (address == null) {
            throw new IllegalArgumentException("address is required");
        }
        address = address.withoutPrefixLength();
        if (prefixLength < 0 || prefixLength > address.getBitCount()) {
            throw new IllegalArgumentException("prefixLength " + prefixLength + " is out of range for " + address);
        }
    }

    /** Parses {@code <ip>/<prefix>}; the field name goes into the error. */
    public static CniAddress parse(String field, String text) {
        if (text == null || !text.contains("/")) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not <address>/<prefix>");
        }
        IPAddress parsed = new IPAddressString(text.trim()).getAddress();
        if (parsed == null || parsed.getNetworkPrefixLength() == null) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not <address>/<prefix>");
        }
        return new CniAddress(parsed, parsed.getNetworkPrefixLength());
    }

    public String family() {
        return IpFamilies.of(address);
    }

    /** The address alone, canonical text (what {@code status.podIPs} holds). */
    public String ip() {
        return IpFamilies.canonical(address);
    }

    @Override
    public String toString() {
        return ip() + "/" + prefixLength;
    }
}
