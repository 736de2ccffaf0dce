package io.acicni.epwriter.files;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything one node's files are computed from: a consistent copy taken under the state lock.
 *
 * @param node                the node name
 * @param nodeAddressing      the node's own record, null until seen
 * @param pods                this node's pods with addresses
 * @param services            every service of the cluster
 * @param sandboxes           CNI-registered sandboxes per pod uid
 * @param synthesizeSandboxes whether pods without a registered sandbox get a synthesised one
 */
public record NodeInputs(String node,
                         NodeAddressing nodeAddressing,
                         Collection<PodAddressing> pods,
                         Collection<ServiceAddressing> services,
                         Map<String, List<Sandbox>> sandboxes,
                         boolean synthesizeSandboxes) {
}
