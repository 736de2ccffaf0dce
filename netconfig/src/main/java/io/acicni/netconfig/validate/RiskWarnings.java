package io.acicni.netconfig.validate;

import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Inputs acc-provision accepts silently but that are risky. They stay accepted (users migrate
 * from acc-provision); each gets a warning.
 */
final class RiskWarnings {
    private static final List<SubnetField> GATEWAY_FIELDS =
            List.of(SubnetField.NODE_SUBNET, SubnetField.POD_SUBNET, SubnetField.NODE_SVC_SUBNET);

    private RiskWarnings() {
    }

    static List<String> find(NetworkPlan plan) {
        List<String> warnings = new ArrayList<>();
        familyOrder(plan, warnings);
        repeatedFamilies(plan, warnings);
        gatewayAddresses(plan, warnings);
        return warnings;
    }

    /** The seed: keep IPv4 and IPv6 in the same order in every field. */
    private static void familyOrder(NetworkPlan plan, List<String> warnings) {
        List<SubnetField> v4First = new ArrayList<>();
        List<SubnetField> v6First = new ArrayList<>();
        for (SubnetField field : SubnetField.values()) {
            List<IpFamily> families = plan.families(field);
            if (families.size() == 2) {
                (families.get(0) == IpFamily.IPV4 ? v4First : v6First).add(field);
            }
        }
        if (!v4First.isEmpty() && !v6First.isEmpty()) {
            warnings.add("IPv4 and IPv6 are not in the same order in every field: IPv4 first in "
                    + keys(v4First) + ", IPv6 first in " + keys(v6First)
                    + "; keep one order everywhere (the first family of pod_subnet is the cluster's primary family)");
        }
    }

    private static String keys(List<SubnetField> fields) {
        return fields.stream().map(SubnetField::key).collect(Collectors.joining(", "));
    }

    private static void repeatedFamilies(NetworkPlan plan, List<String> warnings) {
        for (SubnetField field : SubnetField.values()) {
            for (IpFamily family : IpFamily.values()) {
                List<Cidr> ofFamily = plan.subnets(field).stream().filter(c -> c.family() == family).toList();
                if (ofFamily.size() > 1) {
                    warnings.add(field.path() + " has " + ofFamily.size() + " " + family.label() + " subnets ("
                            + ofFamily.stream().map(Cidr::text).collect(Collectors.joining(" "))
                            + "); only the first " + family.label() + " subnet is used for "
                            + usage(field));
                }
            }
        }
    }

    private static String usage(SubnetField field) {
        return switch (field) {
            case POD_SUBNET -> "pod gateways and pod addresses";
            case NODE_SUBNET -> "node addresses and the node gateway";
            default -> "one-per-family settings (the others still become pools)";
        };
    }

    private static void gatewayAddresses(NetworkPlan plan, List<String> warnings) {
        for (SubnetField field : GATEWAY_FIELDS) {
            for (Cidr cidr : plan.subnets(field)) {
                String gateway = IpText.format(cidr.gateway());
                if (cidr.isNetworkAddressTyped()) {
                    warnings.add(field.path() + " " + cidr.text()
                            + " gives the network address where a gateway address is expected; the fabric gets "
                            + cidr.text() + " as typed, the gateway used is " + gateway);
                } else if (field == SubnetField.POD_SUBNET && !cidr.address().equals(cidr.gateway())) {
                    warnings.add(field.path() + " " + cidr.text() + ": pods use gateway " + gateway
                            + " (network+1, as acc-provision computes), not the typed "
                            + IpText.format(cidr.address()) + " that the fabric gets as its gateway");
                }
            }
        }
    }
}
