package io.acicni.deploy.node;

import io.acicni.deploy.provision.ProvisionException;
import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.input.SubnetField;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of {@code --node-network DIR}: {@code <node>.netplan.yaml} and {@code <node>.nmcli.sh} per node. */
public final class NodeNetworkFiles {
    private NodeNetworkFiles() {
    }

    /**
     * @param warnings receives one line per node that gets no files
     * @return file name → content
     */
    public static Map<String, String> build(List<NodeSpec> nodes, NetworkPlan plan, List<String> warnings)
            throws ProvisionException {
        Cidr v6 = plan.first(SubnetField.NODE_SUBNET, IpFamily.IPV6).orElseThrow(() -> new ProvisionException(
                "--node-network needs an IPv6 node_subnet; node_subnet has none"));
        List<String> errors = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (NodeSpec node : nodes) {
            if (node.ipv6() == null) {
                warnings.add("node " + node.name() + " has no ipv6 in the nodes file; no node network files for it");
                continue;
            }
            if (node.iface() == null || node.iface().isEmpty()) {
                errors.add("Invalid nodes file: node " + node.name() + " has no interface; --node-network needs it");
                continue;
            }
            if (!node.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                errors.add("Invalid nodes file: node name " + node.name() + " cannot be a file name");
                continue;
            }
            NodeIpv6Setup setup = NodeIpv6Setup.of(node, v6);
            files.put(node.name() + ".netplan.yaml", NetplanRenderer.render(setup));
            files.put(node.name() + ".nmcli.sh", NmcliRenderer.render(setup));
        }
        if (!errors.isEmpty()) {
            throw new ProvisionException(errors);
        }
        return files;
    }

    /** Warnings for node addresses outside the node subnet of their family. */
    public static List<String> addressWarnings(List<NodeSpec> nodes, NetworkPlan plan) {
        List<String> warnings = new ArrayList<>();
        for (NodeSpec node : nodes) {
            for (IpFamily family : IpFamily.values()) {
                if (node.address(family) == null) {
                    continue;
                }
                boolean inside = plan.subnets(SubnetField.NODE_SUBNET).stream()
                        .anyMatch(c -> c.contains(node.address(family)));
                if (!inside) {
                    warnings.add("node " + node.name() + " " + family.label() + " address "
                            + node.address(family).toCanonicalString() + " is not in any node_subnet");
                }
            }
        }
        return warnings;
    }
}
