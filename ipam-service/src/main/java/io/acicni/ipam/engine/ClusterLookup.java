package io.acicni.ipam.engine;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.List;
import java.util.Optional;

/** The engine's read-only view of the cluster (the informers' caches in the service; maps in tests). */
public interface ClusterLookup {
    Optional<Node> node(String name);

    /** A pod by {@code namespace/name}. */
    Optional<Pod> pod(String key);

    Optional<Namespace> namespace(String name);

    /** A service by {@code namespace/name}. */
    Optional<Service> service(String key);

    /** The EndpointSlices of a service (label {@code kubernetes.io/service-name}). */
    List<EndpointSlice> endpointSlices(String namespace, String service);

    List<Node> nodes();

    List<Pod> pods();

    List<Service> services();
}
