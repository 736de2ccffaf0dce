package io.acicni.ipam.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A map-backed cluster for engine tests. */
final class FakeCluster implements ClusterLookup {
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Pod> pods = new LinkedHashMap<>();
    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    final List<EndpointSlice> slices = new ArrayList<>();

    Node addNode(String name, String v4, String v6) {
        Node node = new NodeBuilder().withNewMetadata().withName(name).withUid(UUID.randomUUID().toString()).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(v6).endAddress()
                .addNewAddress().withType("InternalIP").withAddress(v4).endAddress().endStatus().build();
        nodes.put(name, node);
        return node;
    }

    Pod addPod(String namespace, String name, String node) {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid(UUID.randomUUID().toString())
                .addToLabels("app", name).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase("Running").endStatus().build();
        pods.put(namespace + "/" + name, pod);
        return pod;
    }

    Service addLoadBalancer(String namespace, String name, String policy, List<String> families, List<String> clusterIPs) {
        Service svc = new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid(UUID.randomUUID().toString())
                .endMetadata().withNewSpec().withType("LoadBalancer").withIpFamilyPolicy(policy).withIpFamilies(families)
                .withClusterIPs(clusterIPs).withClusterIP(clusterIPs.isEmpty() ? null : clusterIPs.get(0))
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort().endSpec().build();
        services.put(namespace + "/" + name, svc);
        return svc;
    }

    static String key(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public Optional<Pod> pod(String key) {
        return Optional.ofNullable(pods.get(key));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<Service> service(String key) {
        return Optional.ofNullable(services.get(key));
    }

    @Override
    public List<EndpointSlice> endpointSlices(String namespace, String service) {
        return slices.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name"))).toList();
    }

    @Override
    public List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    @Override
    public List<Pod> pods() {
        return new ArrayList<>(pods.values());
    }

    @Override
    public List<Service> services() {
        return new ArrayList<>(services.values());
    }
}
