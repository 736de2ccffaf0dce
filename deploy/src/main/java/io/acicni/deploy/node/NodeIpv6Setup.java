package io.acicni.deploy.node;

import inet.ipaddr.IPAddress;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpText;

/**
 * What a node needs for IPv6 on the node subnet: its address with the node subnet's prefix length
 * and the IPv6 default gateway (the node subnet's gateway address as typed, which is the fabric's
 * bridge-domain gateway; network+1 when the network address was typed).
 */
public record NodeIpv6Setup(String node, String iface, String addressWithPrefix, String gateway) {

    public static NodeIpv6Setup of(NodeSpec node, Cidr nodeSubnetV6) {
        IPAddress gateway = nodeSubnetV6.isNetworkAddressTyped() ? nodeSubnetV6.gateway() : nodeSubnetV6.address();
        return new NodeIpv6Setup(node.name(), node.iface(),
                IpText.format(node.ipv6()) + "/" + nodeSubnetV6.prefixLength(), IpText.format(gateway));
    }
}
