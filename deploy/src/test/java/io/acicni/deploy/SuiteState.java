package io.acicni.deploy;

import io.acicni.apic.model.ApicObject;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.conformance.Fixtures;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.testkit.apic.ApicEmulator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic cluster and fabric state for the validate/diagnose tests: ConfigMap aci-containers-config
 * exactly as {@code provision} derives it from the fixture {@code dualstack_base} (IPv4 primary:
 * pod subnets 10.2.0.1/24 and 1:2:1:1::1/64, node subnets 10.1.0.1/16 and 2:2:1:1::1/64, BDs
 * {@code uni/tn-kube/BD-kube-node-bd} and {@code uni/tn-kube/BD-kube-pod-bd}), annotated nodes,
 * pods with podIPs, services, and the BDs with their subnets in the APIC emulator.
 */
public final class SuiteState {
    public static final String NAMESPACE = AciContainersConfigFactory.SYSTEM_NAMESPACE;
    public static final String POD_BD = "uni/tn-kube/BD-kube-pod-bd";
    public static final String NODE_BD = "uni/tn-kube/BD-kube-node-bd";
    public static final String RANGES_1 = "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[{\"start\":\"1:2:1:1::2\",\"end\":\"1:2:1:1::21\"}]}";
    public static final String RANGES_2 = "{\"V4\":[{\"start\":\"10.2.0.34\",\"end\":\"10.2.0.65\"}],\"V6\":[{\"start\":\"1:2:1:1::22\",\"end\":\"1:2:1:1::41\"}]}";

    private SuiteState() {
    }

    /** The ConfigMap data provision derives from the fixture dualstack_base. */
    public static Map<String, String> configMapData() {
        try {
            var input = InputReader.read(Files.readString(Fixtures.input("dualstack_base")), "dualstack_base.inp.yaml");
            var validated = InputValidator.validate(input, Flavors.find("kubernetes-1.35").orElseThrow());
            return AciContainersConfigFactory.create(validated).toConfigMapData();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConfigMap configMap() {
        return new ConfigMapBuilder().withNewMetadata().withName(AciContainersConfig.CONFIGMAP_NAME).withNamespace(NAMESPACE)
                .endMetadata().withData(configMapData()).build();
    }

    /** The good state: ConfigMap, two annotated nodes, three dual-stack pods, a hostNetwork pod, a pending pod, services. */
    public static void good(KubernetesClient kube) {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        kube.configMaps().inNamespace(NAMESPACE).resource(configMap()).create();
        create(kube, node("worker-1", RANGES_1));
        create(kube, node("worker-2", RANGES_2));
        create(kube, pod("default", "web-1", "worker-1", "10.2.0.2", "1:2:1:1::2"));
        create(kube, pod("default", "web-2", "worker-2", "10.2.0.34", "1:2:1:1::22"));
        create(kube, pod("shop", "cart-1", "worker-1", "10.2.0.3", "1:2:1:1::3"));
        Pod host = pod("kube-system", "kube-proxy-x", "worker-1", "10.1.0.11", "2:2:1:1::11");
        host.getSpec().setHostNetwork(true);
        create(kube, host);
        Pod pending = pod("default", "pending-1", null);
        pending.getStatus().setPhase("Pending");
        create(kube, pending);
        create(kube, service("default", "web", "RequireDualStack", List.of("IPv4", "IPv6")));
        create(kube, service("default", "web-v4", "SingleStack", List.of("IPv4")));
    }

    /** The BDs with both gateway subnets each, as provision pushes them. */
    public static void fabric(ApicEmulator apic) {
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
        for (String[] bd : new String[][] {{NODE_BD, "kube-node-bd", "10.1.0.1/16", "2:2:1:1::1/64"},
                {POD_BD, "kube-pod-bd", "10.2.0.1/24", "1:2:1:1::1/64"}}) {
            apic.put(ApicObject.of("fvBD").attr("dn", bd[0]).attr("name", bd[1])
                    .child(ApicObject.of("fvSubnet").attr("ip", bd[2]))
                    .child(ApicObject.of("fvSubnet").attr("ip", bd[3]).attr("ctrl", "nd")));
        }
    }

    public static Node node(String name, String ranges) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        Node node = b.build();
        if (ranges != null) {
            node.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("opflex.cisco.com/pod-network-ranges", ranges)));
        }
        return node;
    }

    /** A Running pod with these podIPs (in this order), uid random, labels app=<name prefix>. */
    public static Pod pod(String namespace, String name, String node, String... ips) {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withUid(UUID.randomUUID().toString()).withCreationTimestamp("2025-01-01T00:00:00Z")
                .addToLabels("app", name.replaceFirst("-[^-]*$", "")).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                .withNewStatus().withPhase(ips.length == 0 ? "Pending" : "Running").endStatus().build();
        if (ips.length > 0) {
            pod.getStatus().setPodIP(ips[0]);
            pod.getStatus().setPodIPs(Arrays.stream(ips).map(ip -> new PodIP(ip)).toList());
        }
        return pod;
    }

    public static Service service(String namespace, String name, String policy, List<String> families) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withUid(UUID.randomUUID().toString()).endMetadata()
                .withNewSpec().withType("ClusterIP").withIpFamilyPolicy(policy).withIpFamilies(families)
                .addToSelector("app", name).addNewPort().withName("http").withProtocol("TCP").withPort(80)
                .withNewTargetPort(8080).endPort().endSpec().build();
    }

    public static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T create(KubernetesClient kube, T object) {
        return kube.resource(object).create();
    }
}
