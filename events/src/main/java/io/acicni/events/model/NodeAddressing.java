package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import inet.ipaddr.IPAddress;
import io.acicni.events.serde.InvalidEventException;

import java.util.List;

/**
 * Value of {@code acicni.node-addressing} (key: node name): the node's pod ranges per family, its
 * service endpoint and its own addresses. A null value (tombstone) means the node is gone.
 *
 * @param podNetworkRanges ranges of the pod pool owned by the node, per family, as in the
 *                         {@code opflex.cisco.com/pod-network-ranges} annotation
 * @param serviceEndpoint  the node's service endpoint, absent until allocated
 * @param nodeIPs          the node's InternalIP addresses, primary family first
 */
@JsonPropertyOrder({"schemaVersion", "node", "podNetworkRanges", "serviceEndpoint", "nodeIPs"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeAddressing(@JsonProperty(required = true) int schemaVersion,
                             @JsonProperty(required = true) String node,
                             @JsonProperty(required = true) PodNetworkRanges podNetworkRanges,
                             NodeServiceEndpoint serviceEndpoint,
                             List<IPAddress> nodeIPs) implements VersionedEvent {
    public static final int SCHEMA_VERSION = 1;

    public NodeAddressing {
        Require.text(node, "node");
        Require.present(podNetworkRanges, "podNetworkRanges");
        nodeIPs = Require.listOrEmpty(nodeIPs);
    }

    public NodeAddressing(String node, PodNetworkRanges podNetworkRanges, NodeServiceEndpoint serviceEndpoint, List<IPAddress> nodeIPs) {
        this(SCHEMA_VERSION, node, podNetworkRanges, serviceEndpoint, nodeIPs);
    }

    /**
     * A node's pod ranges per family; the JSON shape is exactly Cisco's annotation
     * ({@code {"V4":[{"start","end"}],"V6":[…]}}, empty families omitted).
     */
    @JsonPropertyOrder({"V4", "V6"})
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record PodNetworkRanges(@JsonProperty("V4") List<IpRange> v4, @JsonProperty("V6") List<IpRange> v6) {
        public PodNetworkRanges {
            v4 = Require.listOrEmpty(v4);
            v6 = Require.listOrEmpty(v6);
            for (IpRange r : v4) {
                if (r.family() != IpFamily.IPv4) {
                    throw new InvalidEventException("V4", "holds an IPv6 range " + r.start() + " .. " + r.end());
                }
            }
            for (IpRange r : v6) {
                if (r.family() != IpFamily.IPv6) {
                    throw new InvalidEventException("V6", "holds an IPv4 range " + r.start() + " .. " + r.end());
                }
            }
        }

        public static PodNetworkRanges empty() {
            return new PodNetworkRanges(List.of(), List.of());
        }

        public List<IpRange> of(IpFamily family) {
            return family == IpFamily.IPv4 ? v4 : v6;
        }
    }
}
