package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.ClusterLookup;
import io.acicni.ipam.engine.WorkKey;
import io.acicni.ipam.engine.WorkQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Informers on Nodes, Namespaces, Pods, Services and EndpointSlices. Every change puts the key of
 * the entity to update on the work queue; the caches serve the engine as its {@link ClusterLookup}.
 * Informer callbacks run on fabric8's threads and only touch the (thread-safe) queue.
 */
public final class ClusterWatch implements ClusterLookup, AutoCloseable {
    static final String SERVICE_INDEX = "service";
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Namespace> namespaces;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;

    public ClusterWatch(KubernetesClient client, WorkQueue queue) {
        nodes = client.nodes().inform(handler(n -> queue.add(WorkKey.node(n.getMetadata().getName()))));
        pods = client.pods().inAnyNamespace().inform(handler(p -> queue.add(WorkKey.pod(key(p)))));
        services = client.services().inAnyNamespace().inform(handler(s -> queue.add(WorkKey.service(key(s)))));
        slices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        slices.addIndexers(Map.of(SERVICE_INDEX, slice -> List.of(serviceKeyOf(slice))));
        slices.addEventHandler(handler(s -> queue.add(WorkKey.service(serviceKeyOf(s)))));
        slices.start();
        namespaces = client.namespaces().inform(handler(ns -> {
            for (Pod p : pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, ns.getMetadata().getName())) {
                queue.add(WorkKey.pod(key(p)));
            }
        }));
    }

    /** Whether every informer has listed its resources once. */
    public boolean hasSynced() {
        return nodes.hasSynced() && namespaces.hasSynced() && pods.hasSynced() && services.hasSynced() && slices.hasSynced();
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(obj);
            }
        };
    }

    private static String key(HasMetadata obj) {
        return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
    }

    private static String serviceKeyOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        return slice.getMetadata().getNamespace() + "/" + (service == null ? "" : service);
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    @Override
    public Optional<Pod> pod(String key) {
        return Optional.ofNullable(pods.getStore().getByKey(key));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(namespaces.getStore().getByKey(name));
    }

    @Override
    public Optional<Service> service(String key) {
        return Optional.ofNullable(services.getStore().getByKey(key));
    }

    @Override
    public List<EndpointSlice> endpointSlices(String namespace, String service) {
        return slices.getIndexer().byIndex(SERVICE_INDEX, namespace + "/" + service);
    }

    @Override
    public List<Node> nodes() {
        return nodes.getStore().list();
    }

    @Override
    public List<Pod> pods() {
        return pods.getStore().list();
    }

    @Override
    public List<Service> services() {
        return services.getStore().list();
    }

    @Override
    public void close() {
        nodes.close();
        namespaces.close();
        pods.close();
        services.close();
        slices.close();
    }
}
