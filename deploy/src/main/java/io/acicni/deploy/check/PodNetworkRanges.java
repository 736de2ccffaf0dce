package io.acicni.deploy.check;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.IpRange;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.serde.EventSerde;
import io.fabric8.kubernetes.api.model.Node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A node's {@code opflex.cisco.com/pod-network-ranges} annotation, read with the events module's strict model. */
public final class PodNetworkRanges {
    public static final String ANNOTATION = "opflex.cisco.com/pod-network-ranges";

    private PodNetworkRanges() {
    }

    /** The annotation text, empty when absent. */
    public static Optional<String> text(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
    }

    /**
     * Parses the annotation.
     *
     * @throws IllegalArgumentException with a readable reason when it is not {@code {"V4":[…],"V6":[…]}}
     */
    public static NodeAddressing.PodNetworkRanges parse(String text) {
        try {
            return EventSerde.get().mapper().readValue(text, NodeAddressing.PodNetworkRanges.class);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("not a pod-network-ranges value: " + message, e);
        }
    }

    /** {@code 10.2.0.2-10.2.0.33, ...} or {@code none}. */
    public static String describe(List<IpRange> ranges) {
        if (ranges.isEmpty()) {
            return "none";
        }
        return ranges.stream().map(r -> r.start().toCanonicalString() + "-" + r.end().toCanonicalString())
                .collect(Collectors.joining(", "));
    }

    /** Whether an address lies in one of the node's ranges. */
    public static boolean contains(NodeAddressing.PodNetworkRanges ranges, IPAddress address) {
        return ranges.v4().stream().anyMatch(r -> r.contains(address)) || ranges.v6().stream().anyMatch(r -> r.contains(address));
    }
}
