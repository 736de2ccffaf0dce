package io.acicni.netconfig.derive;

import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed subnets of a validated input, per field, in input order. Absent fields are empty.
 */
public final class NetworkPlan {
    private final Map<SubnetField, List<Cidr>> subnets;

    public NetworkPlan(Map<SubnetField, List<Cidr>> subnets) {
        EnumMap<SubnetField, List<Cidr>> copy = new EnumMap<>(SubnetField.class);
        for (SubnetField field : SubnetField.values()) {
            copy.put(field, List.copyOf(subnets.getOrDefault(field, List.of())));
        }
        this.subnets = copy;
    }

    public List<Cidr> subnets(SubnetField field) {
        return subnets.get(field);
    }

    public List<Cidr> nodeSubnets() {
        return subnets(SubnetField.NODE_SUBNET);
    }

    public List<Cidr> podSubnets() {
        return subnets(SubnetField.POD_SUBNET);
    }

    public List<Cidr> externDynamic() {
        return subnets(SubnetField.EXTERN_DYNAMIC);
    }

    public List<Cidr> externStatic() {
        return subnets(SubnetField.EXTERN_STATIC);
    }

    public List<Cidr> nodeServiceSubnets() {
        return subnets(SubnetField.NODE_SVC_SUBNET);
    }

    /** The first subnet of a family in a field: the one used for gateways and node addresses. */
    public Optional<Cidr> first(SubnetField field, IpFamily family) {
        return subnets(field).stream().filter(c -> c.family() == family).findFirst();
    }

    /** The families of a field in the order they first appear. */
    public List<IpFamily> families(SubnetField field) {
        Set<IpFamily> families = new LinkedHashSet<>();
        subnets(field).forEach(c -> families.add(c.family()));
        return new ArrayList<>(families);
    }

    /** The pod families in pod_subnet order: the cluster's primary family first. */
    public List<IpFamily> podFamilies() {
        return families(SubnetField.POD_SUBNET);
    }

    /** The node families in node_subnet order. */
    public List<IpFamily> nodeFamilies() {
        return families(SubnetField.NODE_SUBNET);
    }

    /** Both families among pod, extern and node subnets (acc-provision's dual-stack test). */
    public boolean isDualStack() {
        Set<IpFamily> all = new LinkedHashSet<>();
        for (SubnetField field : List.of(SubnetField.POD_SUBNET, SubnetField.EXTERN_DYNAMIC,
                SubnetField.EXTERN_STATIC, SubnetField.NODE_SUBNET)) {
            all.addAll(families(field));
        }
        return all.size() == 2;
    }

    /** The cluster's primary family: the family of the first pod subnet. */
    public IpFamily primaryFamily() {
        List<IpFamily> pod = podFamilies();
        return pod.isEmpty() ? IpFamily.IPV4 : pod.get(0);
    }
}
