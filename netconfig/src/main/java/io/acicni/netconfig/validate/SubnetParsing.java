package io.acicni.netconfig.validate;

import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.input.NetConfig;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.CidrFormatException;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses every subnet as a CIDR. This is where acc-provision crashes on a bad prefix
 * ({@code NetmaskValueError}, {@code ValueError}, {@code IndexError}); we report each bad
 * subnet with its field and value instead.
 */
final class SubnetParsing {
    /** acc-provision's overlap-check order: node_svc_subnet, pod, node, extern_dynamic, extern_static. */
    static final List<SubnetField> ORDER = List.of(SubnetField.NODE_SVC_SUBNET, SubnetField.POD_SUBNET,
            SubnetField.NODE_SUBNET, SubnetField.EXTERN_DYNAMIC, SubnetField.EXTERN_STATIC);

    private SubnetParsing() {
    }

    static NetworkPlan parse(NetConfig net) throws ValidationException {
        List<String> errors = new ArrayList<>();
        Map<SubnetField, List<Cidr>> parsed = new EnumMap<>(SubnetField.class);
        for (SubnetField field : ORDER) {
            List<String> texts = net.subnets(field);
            List<Cidr> cidrs = new ArrayList<>();
            if (texts != null) {
                for (String text : texts) {
                    try {
                        cidrs.add(Cidr.parse(text));
                    } catch (MalformedAddressException e) {
                        errors.add(text + " is malformed. " + e.getMessage());
                    } catch (CidrFormatException e) {
                        errors.add("Invalid configuration for " + field.path() + ": " + text + " " + e.getMessage());
                    }
                }
            }
            parsed.put(field, cidrs);
        }
        List<Cidr> nodeSvc = parsed.get(SubnetField.NODE_SVC_SUBNET);
        if (nodeSvc.size() > 2 || (nodeSvc.size() == 2 && nodeSvc.get(0).family() == nodeSvc.get(1).family())) {
            errors.add("Invalid configuration for " + SubnetField.NODE_SVC_SUBNET.path()
                    + ": give one subnet, or a list of one IPv4 and one IPv6 subnet");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new NetworkPlan(parsed);
    }
}
