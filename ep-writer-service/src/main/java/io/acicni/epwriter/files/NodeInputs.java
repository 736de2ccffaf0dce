package io.acicni.epwriter.files;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What one node's files are computed from: a consistent copy taken under the state lock — of the whole
 * node (a full pass), or of some pods and services only (an incremental pass).
 *
 * @param node                the node name
 * @param nodeAddressing      the node's own record, null until seen
 * @param pods                this node's pods with addresses (all, or those of the pass)
 * @param services            every service of the cluster (or those of the pass)
 * @param sandboxes           CNI-registered sandboxes per pod uid
 * @param synthesizeSandboxes whether pods without a registered sandbox get a synthesised one
 * @param serviceIps          {@code service-ip} list per pod uid ({@link ServiceSelection}), for at least {@code pods}
 */
public record NodeInputs(String node,
                         NodeAddressing nodeAddressing,
                         Collection<PodAddressing> pods,
                         Collection<ServiceAddressing> services,
                         Map<String, List<Sandbox>> sandboxes,
                         boolean synthesizeSandboxes,
                         Map<String, List<String>> serviceIps) {

    /** Inputs of a whole node: the {@code service-ip} lists are derived from {@code services}. */
    public NodeInputs(String node, NodeAddressing nodeAddressing, Collection<PodAddressing> pods, Collection<ServiceAddressing> services,
                      Map<String, List<Sandbox>> sandboxes, boolean synthesizeSandboxes) {
        this(node, nodeAddressing, pods, services, sandboxes, synthesizeSandboxes, ServiceSelection.serviceIpsByPod(services));
    }
}
