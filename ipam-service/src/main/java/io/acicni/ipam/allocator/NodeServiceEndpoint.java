package io.acicni.ipam.allocator;

import java.util.List;

/**
 * A node's service endpoint addresses (the {@code ipv4}/{@code ipv6} of the
 * {@code opflex.cisco.com/service-endpoint} annotation; the MAC is the service layer's business).
 *
 * @param node the node
 * @param ipv4 the IPv4 address or null
 * @param ipv6 the IPv6 address or null
 * @param conflicts families that got nothing, or existing addresses that could not be reused
 */
public record NodeServiceEndpoint(String node, Address ipv4, Address ipv6, List<Conflict> conflicts) {

    public NodeServiceEndpoint {
        conflicts = List.copyOf(conflicts);
    }

    public boolean hasAny() {
        return ipv4 != null || ipv6 != null;
    }
}
