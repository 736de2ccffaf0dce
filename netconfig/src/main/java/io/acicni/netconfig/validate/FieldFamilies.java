package io.acicni.netconfig.validate;

import io.acicni.netconfig.ip.CidrParser;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The family type of one field as acc-provision's {@code determine_subnet_type} sees it:
 * {@code IPv4}, {@code IPv6}, {@code DualStack} or empty. Callers have already rejected
 * malformed addresses.
 */
enum FieldFamilies {
    NONE, IPV4_ONLY, IPV6_ONLY, DUAL_STACK;

    static FieldFamilies of(List<String> subnets) {
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        if (subnets != null) {
            for (String subnet : subnets) {
                try {
                    families.add(CidrParser.family(subnet));
                } catch (MalformedAddressException e) {
                    throw new IllegalStateException("malformed subnets are rejected before", e);
                }
            }
        }
        if (families.size() == 2) {
            return DUAL_STACK;
        }
        if (families.isEmpty()) {
            return NONE;
        }
        return families.contains(IpFamily.IPV4) ? IPV4_ONLY : IPV6_ONLY;
    }
}
