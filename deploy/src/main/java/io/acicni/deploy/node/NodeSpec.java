package io.acicni.deploy.node;

import inet.ipaddr.IPAddress;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of {@code --nodes NODES.yaml}: name, IPv4 and IPv6 address, and the interface on the
 * node subnet.
 */
public record NodeSpec(String name, IPAddress ipv4, IPAddress ipv6, String iface) {

    public IPAddress address(IpFamily family) {
        return family == IpFamily.IPV4 ? ipv4 : ipv6;
    }

    /** The node's addresses in the given family order, skipping families it has none of. */
    public List<IPAddress> addresses(List<IpFamily> order) {
        List<IPAddress> addresses = new ArrayList<>();
        for (IpFamily family : order) {
            if (address(family) != null) {
                addresses.add(address(family));
            }
        }
        return addresses;
    }
}
