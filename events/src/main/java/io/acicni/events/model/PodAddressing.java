package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acicni.events.serde.InvalidEventException;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Value of {@code acicni.pod-addressing} (key {@code <node>/<pod-uid>}, partitioned by node): a pod's
 * addresses, one per configured family, the cluster's primary family first. A null value (tombstone)
 * means the addresses were released.
 *
 * @param endpointGroup  the effective {@code opflex.cisco.com/endpoint-group} annotation (pod's, else
 *                       its namespace's), raw JSON text, or null for the configured default
 * @param securityGroup  the effective {@code opflex.cisco.com/security-group} annotation, raw JSON, or null
 * @param qosPolicy      the effective {@code opflex.cisco.com/qospolicy} annotation, raw JSON, or null
 * @param terminating    true once the pod is being deleted (its addresses are still held)
 */
@JsonPropertyOrder({"schemaVersion", "uid", "namespace", "name", "node", "addresses",
        "endpointGroup", "securityGroup", "qosPolicy", "labels", "terminating"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodAddressing(@JsonProperty(required = true) int schemaVersion,
                            @JsonProperty(required = true) String uid,
                            @JsonProperty(required = true) String namespace,
                            @JsonProperty(required = true) String name,
                            @JsonProperty(required = true) String node,
                            @JsonProperty(required = true) List<PodAddress> addresses,
                            String endpointGroup,
                            String securityGroup,
                            String qosPolicy,
                            Map<String, String> labels,
                            Boolean terminating) implements VersionedEvent {
    public static final int SCHEMA_VERSION = 1;

    public PodAddressing {
        Require.text(uid, "uid");
        Require.text(namespace, "namespace");
        Require.text(name, "name");
        Require.text(node, "node");
        Require.present(addresses, "addresses");
        if (addresses.isEmpty()) {
            throw new InvalidEventException("addresses", "must hold at least one address");
        }
        Set<IpFamily> seen = EnumSet.noneOf(IpFamily.class);
        for (PodAddress a : addresses) {
            Require.present(a, "addresses[]");
            if (!seen.add(a.family())) {
                throw new InvalidEventException("addresses", "holds two " + a.family() + " addresses; one per family is allowed");
            }
        }
        addresses = List.copyOf(addresses);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        terminating = Boolean.TRUE.equals(terminating) ? Boolean.TRUE : null;
    }

    public PodAddressing(String uid, String namespace, String name, String node, List<PodAddress> addresses,
                         String endpointGroup, String securityGroup, String qosPolicy, Map<String, String> labels) {
        this(SCHEMA_VERSION, uid, namespace, name, node, addresses, endpointGroup, securityGroup, qosPolicy, labels, null);
    }

    /** A copy marked as terminating (or not). */
    public PodAddressing withTerminating(boolean value) {
        return new PodAddressing(schemaVersion, uid, namespace, name, node, addresses, endpointGroup, securityGroup,
                qosPolicy, labels, value);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTerminating() {
        return Boolean.TRUE.equals(terminating);
    }

    /** The Kafka key of this record. */
    public String key() {
        return PodKey.of(node, uid);
    }
}
