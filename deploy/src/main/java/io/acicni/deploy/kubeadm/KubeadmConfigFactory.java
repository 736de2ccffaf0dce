package io.acicni.deploy.kubeadm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.deploy.manifest.YamlDocuments;
import io.acicni.deploy.net.ServiceCidrs;
import io.acicni.deploy.node.NodeSpec;
import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * kubeadm configuration for a dual-stack cluster: {@code ClusterConfiguration} networking
 * ({@code podSubnet} and {@code serviceSubnet} as {@code v4,v6} in the input's family order) and,
 * when nodes are given, an {@code InitConfiguration} for the first node and a
 * {@code JoinConfiguration} per other node with kubelet {@code node-ip: v4,v6}.
 *
 * <p>Node CIDR allocation by kube-controller-manager is switched off: pod addresses come from the
 * suite's IPAM, and node CIDRs cut from a small pod subnet would only produce allocation errors.
 */
public final class KubeadmConfigFactory {
    static final String V1BETA3 = "kubeadm.k8s.io/v1beta3";
    static final String V1BETA4 = "kubeadm.k8s.io/v1beta4";

    private KubeadmConfigFactory() {
    }

    /** kubeadm's config API for the flavor: v1beta4 from Kubernetes 1.31, v1beta3 before. */
    static String apiVersion(Flavor flavor) {
        return flavor.minor() >= 31 ? V1BETA4 : V1BETA3;
    }

    public static String create(Flavor flavor, NetworkPlan plan, ServiceCidrs services, List<NodeSpec> nodes) {
        String api = apiVersion(flavor);
        List<ObjectNode> docs = new ArrayList<>();
        ObjectNode cluster = doc(api, "ClusterConfiguration");
        ObjectNode networking = cluster.putObject("networking");
        networking.put("podSubnet", plan.podSubnets().stream()
                .map(Cidr::networkText).collect(Collectors.joining(",")));
        networking.put("serviceSubnet", String.join(",", services.networks()));
        args(cluster.putObject("controllerManager"), api, "extraArgs", "allocate-node-cidrs", "false");
        docs.add(cluster);
        List<IpFamily> order = plan.nodeFamilies();
        for (int i = 0; i < nodes.size(); i++) {
            NodeSpec node = nodes.get(i);
            ObjectNode doc = doc(api, i == 0 ? "InitConfiguration" : "JoinConfiguration");
            if (i == 0) {
                doc.putObject("localAPIEndpoint")
                        .put("advertiseAddress", IpText.format(node.addresses(order).get(0)));
            }
            ObjectNode registration = doc.putObject("nodeRegistration");
            registration.put("name", node.name());
            args(registration, api, "kubeletExtraArgs", "node-ip", node.addresses(order).stream()
                    .map(IpText::format).collect(Collectors.joining(",")));
            docs.add(doc);
        }
        return YamlDocuments.write(docs);
    }

    private static ObjectNode doc(String api, String kind) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("apiVersion", api);
        doc.put("kind", kind);
        return doc;
    }

    /** extraArgs: a map in v1beta3, a list of {name, value} in v1beta4. */
    private static void args(ObjectNode parent, String api, String key, String name, String value) {
        if (V1BETA4.equals(api)) {
            ArrayNode list = parent.putArray(key);
            list.addObject().put("name", name).put("value", value);
        } else {
            parent.putObject(key).put(name, value);
        }
    }
}
