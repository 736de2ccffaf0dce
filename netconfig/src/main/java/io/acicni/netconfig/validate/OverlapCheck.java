package io.acicni.netconfig.validate;

import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;

import java.util.ArrayList;
import java.util.List;

/**
 * acc-provision's {@code check_overlapping_subnets}: node_svc, pod, node, extern_dynamic and
 * extern_static subnets must not overlap within a family. Cross-family pairs never overlap.
 */
final class OverlapCheck {
    static final String OVERLAPPING = "overlapping subnets found in configuration input file";

    private OverlapCheck() {
    }

    static void check(NetworkPlan plan) throws ValidationException {
        List<Cidr> all = new ArrayList<>();
        for (SubnetField field : SubnetParsing.ORDER) {
            all.addAll(plan.subnets(field));
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).overlaps(all.get(j))) {
                    throw new ValidationException(OVERLAPPING);
                }
            }
        }
    }
}
