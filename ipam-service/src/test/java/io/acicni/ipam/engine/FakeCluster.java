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
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A map-backed cluster for engine tests. Built {@linkplain #FakeCluster(KubernetesSerialization)
 * with a serialization}, it hands the engine what an informer using that serialization would hold:
 * a copy of each object written and read back through it.
 */
final class FakeCluster implements ClusterLookup {
    private final KubernetesSerialization readBack;
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Pod> pods = new LinkedHashMap<>();
    final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    final List<EndpointSlice> slices = new ArrayList<>();

    FakeCluster() {
        this(null);
    }

    FakeCluster(KubernetesSerialization readBack) {
        this.readBack = readBack;
    }

    private <T> T read(T o) {
        if (readBack == null || o == null) {
            return o;
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) o.getClass();
        return readBack.unmarshal(readBack.asJson(o), type);
    }

    private <T> List<T> readAll(java.util.Collection<T> all) {
        List<T> out = new ArrayList<>(all.size());
        for (T o : all) {
            out.add(read(o));
        }
        return out;
    }

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
        return Optional.ofNullable(read(nodes.get(name)));
    }

    @Override
    public Optional<Pod> pod(String key) {
        return Optional.ofNullable(read(pods.get(key)));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(read(namespaces.get(name)));
    }

    @Override
    public Optional<Service> service(String key) {
        return Optional.ofNullable(read(services.get(key)));
    }

    @Override
    public List<EndpointSlice> endpointSlices(String namespace, String service) {
        return slices.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name"))).map(this::read).toList();
    }

    @Override
    public List<Node> nodes() {
        return readAll(nodes.values());
    }

    @Override
    public List<Pod> pods() {
        return readAll(pods.values());
    }

    @Override
    public List<Service> services() {
        return readAll(services.values());
    }
}
