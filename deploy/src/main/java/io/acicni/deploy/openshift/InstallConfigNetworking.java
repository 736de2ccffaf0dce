package io.acicni.deploy.openshift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.deploy.manifest.YamlDocuments;
import io.acicni.deploy.net.ServiceCidrs;
import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;

import java.util.List;

/**
 * The {@code networking} section of an OpenShift {@code install-config.yaml}: clusterNetwork from
 * pod_subnet ({@code hostPrefix} 23 for IPv4, 64 for IPv6), machineNetwork from node_subnet,
 * serviceNetwork, {@code networkType: CiscoACI}. Every network is written as a network address.
 *
 * <p>Deviation from acc-provision: it decides IPv6 with a strict parse, so a host-style IPv6 CIDR
 * such as {@code 1:2:1:1::1/64} got {@code hostPrefix: 23}; here the family decides.
 */
public final class InstallConfigNetworking {
    static final int V4_HOST_PREFIX = 23;
    static final int V6_HOST_PREFIX = 64;

    private InstallConfigNetworking() {
    }

    public static int hostPrefix(IpFamily family) {
        return family == IpFamily.IPV4 ? V4_HOST_PREFIX : V6_HOST_PREFIX;
    }

    public static String create(NetworkPlan plan, ServiceCidrs services) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode networking = f.objectNode();
        networking.put("networkType", "CiscoACI");
        ArrayNode clusterNetwork = networking.putArray("clusterNetwork");
        for (Cidr pod : plan.podSubnets()) {
            clusterNetwork.addObject().put("cidr", pod.networkText()).put("hostPrefix", hostPrefix(pod.family()));
        }
        ArrayNode machineNetwork = networking.putArray("machineNetwork");
        for (Cidr node : plan.nodeSubnets()) {
            machineNetwork.addObject().put("cidr", node.networkText());
        }
        ArrayNode serviceNetwork = networking.putArray("serviceNetwork");
        services.networks().forEach(serviceNetwork::add);
        ObjectNode root = f.objectNode();
        root.set("networking", networking);
        return YamlDocuments.write(root);
    }

    /** Pod subnets smaller than their hostPrefix cannot give a node its block. */
    public static List<String> warnings(NetworkPlan plan) {
        return plan.podSubnets().stream()
                .filter(c -> c.prefixLength() > hostPrefix(c.family()))
                .map(c -> "clusterNetwork " + c.networkText() + " is smaller than its hostPrefix "
                        + hostPrefix(c.family()) + "; OpenShift needs /" + hostPrefix(c.family()) + " or larger")
                .toList();
    }
}
