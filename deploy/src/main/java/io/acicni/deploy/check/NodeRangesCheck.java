package io.acicni.deploy.check;

import io.acicni.events.model.NodeAddressing;
import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every node's {@code opflex.cisco.com/pod-network-ranges} annotation has V4 and V6 ranges. */
public final class NodeRangesCheck {
    public static final String NAME = "nodes.pod-network-ranges";

    private NodeRangesCheck() {
    }

    public static CheckResult run(List<Node> nodes) {
        if (nodes.isEmpty()) {
            return CheckResult.skip(NAME, "no nodes in the cluster");
        }
        List<String> failures = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            Optional<String> text = PodNetworkRanges.text(node);
            if (text.isEmpty()) {
                failures.add(name + ": no annotation " + PodNetworkRanges.ANNOTATION + " (ipam has not assigned pod ranges to it)");
                continue;
            }
            NodeAddressing.PodNetworkRanges ranges;
            try {
                ranges = PodNetworkRanges.parse(text.get());
            } catch (IllegalArgumentException e) {
                failures.add(name + ": " + PodNetworkRanges.ANNOTATION + " " + text.get() + " is " + e.getMessage());
                continue;
            }
            String line = name + ": V4 " + PodNetworkRanges.describe(ranges.v4()) + "; V6 " + PodNetworkRanges.describe(ranges.v6());
            if (ranges.v4().isEmpty() || ranges.v6().isEmpty()) {
                String missing = ranges.v4().isEmpty() && ranges.v6().isEmpty() ? "V4 and V6" : ranges.v4().isEmpty() ? "V4" : "V6";
                failures.add(name + ": no " + missing + " range in " + PodNetworkRanges.ANNOTATION + " " + text.get());
            } else {
                evidence.add(line);
            }
        }
        return CheckResult.of(NAME, failures, evidence);
    }
}
