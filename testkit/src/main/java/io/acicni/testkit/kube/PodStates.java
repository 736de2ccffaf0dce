package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading pod and node state the way the control plane reads it. */
final class PodStates {
    private PodStates() {
    }

    static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Running, its Ready condition True (or absent), not terminating. */
    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()) || terminating(pod)) {
            return false;
        }
        if (pod.getStatus().getConditions() == null) {
            return true;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .allMatch(c -> "True".equals(c.getStatus()));
    }

    /** {@code status.podIPs}, else {@code status.podIP}. */
    static List<String> podIps(Pod pod) {
        List<String> out = new ArrayList<>();
        if (pod.getStatus() == null) {
            return out;
        }
        if (pod.getStatus().getPodIPs() != null && !pod.getStatus().getPodIPs().isEmpty()) {
            for (PodIP ip : pod.getStatus().getPodIPs()) {
                if (ip.getIp() != null && !ip.getIp().isBlank()) {
                    out.add(ip.getIp());
                }
            }
        } else if (pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isBlank()) {
            out.add(pod.getStatus().getPodIP());
        }
        return out;
    }

    static boolean hostNetwork(Pod pod) {
        return pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    static boolean nodeReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        return node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The node's InternalIP addresses in the order listed (the first decides the node's primary family). */
    static List<String> internalIps(Node node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType()) && IpFamilies.ofText(a.getAddress()) != null) {
                    out.add(a.getAddress());
                }
            }
        }
        return out;
    }
}
