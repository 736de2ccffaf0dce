package io.acicni.deploy.net;

import io.acicni.deploy.provision.ProvisionException;
import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.CidrFormatException;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes service CIDRs, one per pod family, in pod_subnet family order. They are not part
 * of acc-provision's input: they come from {@code --service-cidr v4,v6}, or the distribution's
 * usual defaults (Kubernetes/kubeadm {@code 10.96.0.0/12}, {@code fd00:10:96::/112}; OpenShift
 * {@code 172.30.0.0/16}, {@code fd02::/112}).
 *
 * @param cidrs     one per family, primary family first
 * @param defaulted true when taken from the defaults
 */
public record ServiceCidrs(List<Cidr> cidrs, boolean defaulted) {
    static final Map<IpFamily, String> KUBERNETES_DEFAULTS = Map.of(
            IpFamily.IPV4, "10.96.0.0/12", IpFamily.IPV6, "fd00:10:96::/112");
    static final Map<IpFamily, String> OPENSHIFT_DEFAULTS = Map.of(
            IpFamily.IPV4, "172.30.0.0/16", IpFamily.IPV6, "fd02::/112");

    /** {@code <network>/<len>} texts, primary family first. */
    public List<String> networks() {
        return cidrs.stream().map(Cidr::networkText).toList();
    }

    public static ServiceCidrs resolve(List<String> given, NetworkPlan plan, Flavor flavor) throws ProvisionException {
        List<IpFamily> families = plan.podFamilies();
        boolean defaulted = given == null || given.isEmpty();
        Map<IpFamily, Cidr> byFamily = new EnumMap<>(IpFamily.class);
        List<String> errors = new ArrayList<>();
        if (defaulted) {
            Map<IpFamily, String> defaults = flavor.isOpenShift() ? OPENSHIFT_DEFAULTS : KUBERNETES_DEFAULTS;
            for (IpFamily family : families) {
                byFamily.put(family, parse(defaults.get(family), errors));
            }
        } else {
            for (String text : given) {
                Cidr cidr = parse(text.strip(), errors);
                if (cidr == null) {
                    continue;
                }
                if (byFamily.putIfAbsent(cidr.family(), cidr) != null) {
                    errors.add("Invalid --service-cidr: more than one " + cidr.family().label() + " CIDR");
                } else if (!families.contains(cidr.family())) {
                    errors.add("Invalid --service-cidr: " + text + " is " + cidr.family().label()
                            + " but pod_subnet has no " + cidr.family().label() + " subnet");
                }
            }
            for (IpFamily family : families) {
                if (errors.isEmpty() && !byFamily.containsKey(family)) {
                    errors.add("Invalid --service-cidr: give one " + family.label()
                            + " CIDR, pod_subnet has " + family.label());
                }
            }
        }
        List<Cidr> ordered = new ArrayList<>();
        for (IpFamily family : families) {
            Cidr cidr = byFamily.get(family);
            if (cidr == null) {
                continue;
            }
            ordered.add(cidr);
            for (SubnetField field : SubnetField.values()) {
                for (Cidr other : plan.subnets(field)) {
                    if (cidr.overlaps(other)) {
                        errors.add("Invalid --service-cidr: " + cidr.text() + " overlaps " + field.path()
                                + " " + other.text());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProvisionException(errors);
        }
        return new ServiceCidrs(ordered, defaulted);
    }

    private static Cidr parse(String text, List<String> errors) {
        try {
            return Cidr.parse(text);
        } catch (MalformedAddressException e) {
            errors.add("Invalid --service-cidr: " + text + " is malformed. " + e.getMessage());
        } catch (CidrFormatException e) {
            errors.add("Invalid --service-cidr: " + text + " " + e.getMessage());
        }
        return null;
    }
}
