package io.acicni.testkit.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The kubelet's status write as one JSON merge patch (RFC 7386) of a pod's {@code status}
 * subresource. It names the pod's {@code metadata.uid}, which the API server treats as a
 * precondition (the real kubelet does the same since Kubernetes 1.18): if the pod was deleted and
 * re-created under the same name meanwhile, the patch is refused with 409 instead of giving the new
 * pod another sandbox's addresses. Lists ({@code podIPs}, {@code conditions}) are replaced whole by
 * a merge patch; fields it does not name (container statuses, …) are kept.
 */
final class PodStatusPatch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONDITIONS = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready");

    private PodStatusPatch() {
    }

    /**
     * {@code phase: Running}, {@code podIPs} in the given order, {@code podIP} = the first,
     * {@code hostIP} (left as is when null), {@code startTime} (left as is when null) and the four
     * conditions True since {@code now}.
     */
    static String running(String uid, List<String> podIps, String hostIp, String startTime, String now) {
        if (podIps.isEmpty()) {
            throw new IllegalArgumentException("a running pod has at least one address");
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("metadata").put("uid", uid);
        ObjectNode status = patch.putObject("status");
        ArrayNode ips = status.putArray("podIPs");
        podIps.forEach(ip -> ips.addObject().put("ip", ip));
        status.put("podIP", podIps.get(0));
        if (hostIp != null) {
            status.put("hostIP", hostIp);
        }
        status.put("phase", "Running");
        if (startTime != null) {
            status.put("startTime", startTime);
        }
        ArrayNode conditions = status.putArray("conditions");
        for (String type : CONDITIONS) {
            conditions.addObject().put("type", type).put("status", "True").put("lastTransitionTime", now);
        }
        return patch.toString();
    }
}
