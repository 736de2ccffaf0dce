package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.events.serde.InvalidEventException;

import java.util.List;
import java.util.Map;

/**
 * Value of {@code acicni.service-addressing} (key {@code <namespace>/<name>}): a service's cluster
 * IPs, families, LoadBalancer ingress IPs, ports and ready endpoints per family with their node, so
 * that consumers never need to watch the API server. A null value (tombstone) means the service is gone.
 *
 * @param type            Kubernetes service type: ClusterIP, NodePort, LoadBalancer, ExternalName
 * @param ipFamilyPolicy  SingleStack, PreferDualStack or RequireDualStack
 * @param clusterIPs      in the order of {@code spec.clusterIPs} (primary first); empty for headless
 * @param loadBalancerIPs ingress IPs allocated by ipam, primary family first
 * @param labels          the service's labels (Cisco writes them into the {@code .service} attributes)
 */
@JsonPropertyOrder({"schemaVersion", "uid", "namespace", "name", "type", "ipFamilyPolicy", "ipFamilies",
        "clusterIPs", "loadBalancerIPs", "ports", "endpoints", "sessionAffinity", "sessionAffinityTimeoutSeconds", "labels"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceAddressing(@JsonProperty(required = true) int schemaVersion,
                                @JsonProperty(required = true) String uid,
                                @JsonProperty(required = true) String namespace,
                                @JsonProperty(required = true) String name,
                                @JsonProperty(required = true) String type,
                                String ipFamilyPolicy,
                                List<IpFamily> ipFamilies,
                                List<IPAddress> clusterIPs,
                                List<IPAddress> loadBalancerIPs,
                                List<Port> ports,
                                List<Endpoint> endpoints,
                                String sessionAffinity,
                                Integer sessionAffinityTimeoutSeconds,
                                Map<String, String> labels) implements VersionedEvent {
    public static final int SCHEMA_VERSION = 1;

    public ServiceAddressing {
        Require.text(uid, "uid");
        Require.text(namespace, "namespace");
        Require.text(name, "name");
        Require.text(type, "type");
        ipFamilies = Require.listOrEmpty(ipFamilies);
        clusterIPs = Require.listOrEmpty(clusterIPs);
        loadBalancerIPs = Require.listOrEmpty(loadBalancerIPs);
        ports = Require.listOrEmpty(ports);
        endpoints = Require.listOrEmpty(endpoints);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ServiceAddressing(String uid, String namespace, String name, String type, String ipFamilyPolicy,
                             List<IpFamily> ipFamilies, List<IPAddress> clusterIPs, List<IPAddress> loadBalancerIPs,
                             List<Port> ports, List<Endpoint> endpoints, String sessionAffinity,
                             Integer sessionAffinityTimeoutSeconds) {
        this(SCHEMA_VERSION, uid, namespace, name, type, ipFamilyPolicy, ipFamilies, clusterIPs, loadBalancerIPs,
                ports, endpoints, sessionAffinity, sessionAffinityTimeoutSeconds, Map.of());
    }

    /** A copy with the service's labels. */
    public ServiceAddressing withLabels(Map<String, String> labels) {
        return new ServiceAddressing(schemaVersion, uid, namespace, name, type, ipFamilyPolicy, ipFamilies, clusterIPs,
                loadBalancerIPs, ports, endpoints, sessionAffinity, sessionAffinityTimeoutSeconds, labels);
    }

    /** The Kafka key of this record. */
    public String key() {
        return namespace + "/" + name;
    }

    /** A service port; {@code targetPort} is a number or a named container port. */
    @JsonPropertyOrder({"name", "protocol", "port", "targetPort", "nodePort"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(String name,
                       @JsonProperty(required = true) String protocol,
                       @JsonProperty(required = true) int port,
                       String targetPort,
                       Integer nodePort) {
        public Port {
            Require.text(protocol, "protocol");
            if (port < 1 || port > 65535) {
                throw new InvalidEventException("port", "must be 1..65535, got " + port);
            }
        }
    }

    /**
     * An endpoint address with the node it runs on and the pod behind it: ready, or terminating but
     * still serving ({@code terminating} true) — those are next hops only for connections in flight.
     */
    @JsonPropertyOrder({"address", "node", "podUid", "ports", "terminating"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(@JsonProperty(required = true) IPAddress address,
                           String node,
                           String podUid,
                           List<EndpointPort> ports,
                           Boolean terminating) {
        public Endpoint {
            Require.present(address, "address");
            ports = Require.listOrEmpty(ports);
            terminating = Boolean.TRUE.equals(terminating) ? Boolean.TRUE : null;
        }

        /** A ready endpoint. */
        public Endpoint(IPAddress address, String node, String podUid, List<EndpointPort> ports) {
            this(address, node, podUid, ports, null);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTerminating() {
            return Boolean.TRUE.equals(terminating);
        }

        public IpFamily family() {
            return IpFamily.of(address);
        }
    }

    /** A port of an endpoint (EndpointSlice port). */
    @JsonPropertyOrder({"name", "protocol", "port"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointPort(String name, @JsonProperty(required = true) String protocol,
                               @JsonProperty(required = true) int port) {
        public EndpointPort {
            Require.text(protocol, "protocol");
        }
    }
}
