package io.acicni.netconfig.validate;

import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.NetConfig;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.CidrParser;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.ArrayList;
import java.util.List;

/**
 * acc-provision's checks from the first look at subnets to the dual-stack rules (its
 * {@code is_dualstack_config}, {@code is_support_dualstack} and {@code is_valid_dualstack_config}),
 * with its exact messages.
 */
final class DualStackRules {
    static final String INVALID_DUALSTACK =
            "Please provide a valid Dualstack configuration with both IPv4 and IPv6 addresses for node and pod subnets.";
    static final String UNSUPPORTED = " Dualstack feature is not supported. Please upgrade to Kubernetes version "
            + "1.21 or later or OpenShift version 4.8 or later.";
    /** Shown for a field acc-provision would crash on (KeyError) because it is absent. */
    static final String NOT_SET = "(not set)";

    /** The fields acc-provision's {@code get_subnet_list} collects, in its order. */
    private static final List<SubnetField> DETECTED = List.of(SubnetField.POD_SUBNET,
            SubnetField.EXTERN_DYNAMIC, SubnetField.EXTERN_STATIC, SubnetField.NODE_SUBNET);

    private DualStackRules() {
    }

    /** Every detected subnet must have a parsable address; the first one that does not stops the run. */
    static void rejectMalformed(NetConfig net) throws ValidationException {
        for (SubnetField field : DETECTED) {
            List<String> subnets = net.subnets(field);
            if (subnets == null) {
                continue;
            }
            for (String subnet : subnets) {
                try {
                    CidrParser.family(subnet);
                } catch (MalformedAddressException e) {
                    throw new ValidationException(subnet + " is malformed. " + e.getMessage());
                }
            }
        }
    }

    static boolean isDualStack(NetConfig net) {
        List<String> all = new ArrayList<>();
        for (SubnetField field : DETECTED) {
            if (net.subnets(field) != null) {
                all.addAll(net.subnets(field));
            }
        }
        return FieldFamilies.of(all) == FieldFamilies.DUAL_STACK;
    }

    static void check(NetConfig net, Flavor flavor) throws ValidationException {
        if (!isDualStack(net)) {
            return;
        }
        if (!flavor.supportsDualStack()) {
            throw new ValidationException(UNSUPPORTED);
        }
        FieldFamilies node = FieldFamilies.of(net.nodeSubnet());
        if (node != FieldFamilies.DUAL_STACK) {
            throw new ValidationException(List.of(INVALID_DUALSTACK,
                    "Node Subnet " + joined(net.nodeSubnet()) + " does not have IPv6"));
        }
        FieldFamilies externStatic = FieldFamilies.of(net.externStatic());
        FieldFamilies externDynamic = FieldFamilies.of(net.externDynamic());
        if (externStatic == FieldFamilies.DUAL_STACK || externDynamic == FieldFamilies.DUAL_STACK) {
            if (FieldFamilies.of(net.podSubnet()) != FieldFamilies.DUAL_STACK) {
                throw new ValidationException(List.of(INVALID_DUALSTACK,
                        "If extern_static " + joined(net.externStatic())
                                + " or extern_dynamic " + joined(net.externDynamic())
                                + " configured with IPv6, then pod_subnet " + joined(net.podSubnet())
                                + " and node_subnet " + joined(net.nodeSubnet()) + " must have IPv6."));
            }
        }
    }

    private static String joined(List<String> subnets) {
        return subnets == null ? NOT_SET : String.join(" ", subnets);
    }
}
