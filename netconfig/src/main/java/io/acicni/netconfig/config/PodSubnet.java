package io.acicni.netconfig.config;

import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;

/**
 * A pod subnet of {@code pod-subnet} with what a pod address of that family needs: the prefix
 * length and the gateway (network+1, as {@code cni-netconfig} has it).
 *
 * @param text         the subnet as typed in the input, e.g. {@code 1:2:1:1::1/64}
 * @param family       its family
 * @param prefixLength its prefix length
 * @param network      {@code <network>/<len>}, e.g. {@code 1:2:1:1::/64}
 * @param gateway      network+1 in RFC 5952 text, e.g. {@code 1:2:1:1::1}
 */
public record PodSubnet(String text, IpFamily family, int prefixLength, String network, String gateway) {
    static PodSubnet of(Cidr cidr) {
        return new PodSubnet(cidr.text(), cidr.family(), cidr.prefixLength(), cidr.networkText(),
                IpText.format(cidr.gateway()));
    }
}
