package io.acicni.ipam.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;

/**
 * The parts of Pods and Nodes that ipam reads, and nothing more: Jackson mix-ins on the Kubernetes
 * client's {@link ObjectMapper} so that its informers skip the rest of each object instead of
 * building it.
 *
 * <p>Why: a Pod's containers, volumes, probes and container statuses, a Node's images, conditions
 * and capacity, and every object's {@code managedFields} are most of each object and most of
 * fabric8's model, and the engine reads none of it. Measured ({@code InformerCacheCostHarness}, a
 * Deployment replica of 4.4 KB of JSON): 20.1 KB of heap per cached pod with the whole model, 3.1 KB
 * with this one, and 22–42 % less CPU per pod deserialised; 10,000 pods are ~31 MB of cache instead
 * of ~200 MB. At start, Jackson builds no deserializers for those type graphs: −8 MB idle RSS
 * (docs/benchmarks.md).
 *
 * <p>The rule for the next engineer: ipam never writes a Pod or Node it read back whole. Node
 * annotations go out as one JSON merge patch of ipam's two keys (nothing read is sent back),
 * Service status through {@code editStatus} (Services are read
 * whole), Events are built afresh. The mix-ins shape writing too: a Pod or Node created through
 * ipam's client would be sent with the read model's fields only, and an {@code edit} that changes a
 * dropped field (a taint, say) would send an empty diff; ipam does neither, and a new writer of
 * Pods or Nodes needs a client of its own. <b>A field the engine starts reading from a Pod's spec or status,
 * or a Node's spec or status, must be added here</b>; {@code InformerReadModelTest} checks what is
 * kept and dropped, and {@code IpamEngineReadModelTest} runs every engine test on objects
 * read through it. The mix-ins are registered for reflection so a native image reads their
 * annotations too.
 */
@Singleton
public class InformerReadModel implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        register(mapper);
    }

    /** Adds the mix-ins to {@code mapper} (before it has (de)serialised any of these types). */
    public static ObjectMapper register(ObjectMapper mapper) {
        mapper.addMixIn(ObjectMeta.class, MetadataRead.class);
        mapper.addMixIn(PodSpec.class, PodSpecRead.class);
        mapper.addMixIn(PodStatus.class, PodStatusRead.class);
        mapper.addMixIn(NodeSpec.class, NodeSpecRead.class);
        mapper.addMixIn(NodeStatus.class, NodeStatusRead.class);
        return mapper;
    }

    /** Every object: all of its metadata but the server's field-ownership records. */
    @JsonIgnoreProperties(value = "managedFields", allowGetters = true)
    @RegisterForReflection
    abstract static class MetadataRead {
    }

    /** {@code IpamEngine.wantsAddresses} and the pod's node. */
    @JsonIncludeProperties({"nodeName", "hostNetwork"})
    @RegisterForReflection
    abstract static class PodSpecRead {
    }

    /** Phase (finished pods release their addresses) and the addresses a restore checks. */
    @JsonIncludeProperties({"phase", "podIP", "podIPs", "hostIP"})
    @RegisterForReflection
    abstract static class PodStatusRead {
    }

    /** Nothing of it is read; its scalars are kept for whoever debugs the cache. */
    @JsonIncludeProperties({"podCIDR", "podCIDRs", "providerID", "unschedulable"})
    @RegisterForReflection
    abstract static class NodeSpecRead {
    }

    /** The node's addresses (a service endpoint's host). */
    @JsonIncludeProperties({"addresses"})
    @RegisterForReflection
    abstract static class NodeStatusRead {
    }
}
