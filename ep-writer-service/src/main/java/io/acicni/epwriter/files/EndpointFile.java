package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The opflex-agent {@code .ep} document of one pod sandbox, keys in the order of Cisco's
 * {@code opflexEndpoint}: uuid, eg-policy-space, endpoint-group-name, security-group, qos-policy,
 * ip, mac, access-interface, access-uplink-interface, interface-name, attributes, service-ip.
 */
public final class EndpointFile {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EndpointFile() {
    }

    /**
     * @param serviceIps cluster IPs (both families) of the services whose endpoints include this pod, in a stable order
     * @param problems   receives a sentence for every annotation that could not be used (the default applies)
     */
    public static ObjectNode document(PodAddressing pod, Sandbox sandbox, List<String> serviceIps, FileSettings settings,
                                      Consumer<String> problems) {
        if (!pod.uid().equals(sandbox.podUid())) {
            throw new IllegalArgumentException("sandbox " + sandbox.uuid() + " belongs to pod " + sandbox.podUid() + ", not " + pod.uid());
        }
        OpflexGroup epg = endpointGroup(pod, settings, problems);
        List<OpflexGroup> securityGroups = securityGroups(pod, settings, problems);
        OpflexGroup qos = qosPolicy(pod, problems);

        ObjectNode ep = JSON.objectNode();
        ep.put("uuid", sandbox.uuid());
        putIfSet(ep, "eg-policy-space", epg.egPolicySpace());
        putIfSet(ep, "endpoint-group-name", epg.endpointGroupName());
        if (!securityGroups.isEmpty()) {
            ArrayNode sgs = ep.putArray("security-group");
            securityGroups.forEach(sg -> sgs.add(sg.toJson()));
        }
        ep.set("qos-policy", qos.toJson());
        ArrayNode ips = ep.putArray("ip");
        for (PodAddress address : pod.addresses()) {
            ips.add(Addresses.format(address.address()));
        }
        ep.put("mac", mac(pod));
        ep.put("access-interface", sandbox.veth());
        ep.put("access-uplink-interface", "pa-" + sandbox.veth());
        ep.put("interface-name", "pi-" + sandbox.veth());
        Map<String, String> attributes = new TreeMap<>(pod.labels());
        attributes.put("vm-name", pod.name());
        attributes.put("namespace", pod.namespace());
        attributes.put("interface-name", sandbox.veth());
        if (pod.isTerminating()) {
            attributes.put("terminating", "True");
        }
        ObjectNode attrs = ep.putObject("attributes");
        attributes.forEach(attrs::put);
        if (!serviceIps.isEmpty()) {
            ArrayNode sips = ep.putArray("service-ip");
            serviceIps.forEach(sips::add);
        }
        return ep;
    }

    /**
     * The pod interface MAC: {@code 0a:58:} followed by the four bytes of the pod's IPv4 address, as
     * Cisco's {@code GenerateHardwareAddr4}. An IPv6-only pod (where Cisco keeps the kernel's random
     * MAC, unknown here) gets {@code 0a:58:} followed by the last four bytes of its IPv6 address, so the
     * MAC is stable across restarts and the CNI result can set it.
     */
    public static String mac(PodAddressing pod) {
        IPAddress source = null;
        for (PodAddress address : pod.addresses()) {
            if (address.family() == IpFamily.IPv4) {
                source = address.address();
                break;
            }
        }
        if (source == null) {
            source = pod.addresses().get(0).address();
        }
        byte[] bytes = source.getBytes();
        StringBuilder mac = new StringBuilder(17).append("0a:58");
        for (int i = bytes.length - 4; i < bytes.length; i++) {
            mac.append(':').append(HEX[(bytes[i] >> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
        }
        return mac.toString();
    }

    static OpflexGroup endpointGroup(PodAddressing pod, FileSettings settings, Consumer<String> problems) {
        if (pod.endpointGroup() != null && !pod.endpointGroup().isBlank()) {
            try {
                OpflexGroup group = OpflexGroup.parse(pod.endpointGroup(), "endpointGroup");
                if (!group.isEmpty()) {
                    return group;
                }
            } catch (IllegalArgumentException e) {
                problems.accept("pod " + pod.namespace() + "/" + pod.name() + ": " + e.getMessage() + "; using the default endpoint group");
            }
        }
        return settings.defaultEndpointGroup();
    }

    static List<OpflexGroup> securityGroups(PodAddressing pod, FileSettings settings, Consumer<String> problems) {
        if (pod.securityGroup() != null && !pod.securityGroup().isBlank()) {
            try {
                return OpflexGroup.parseList(pod.securityGroup(), "securityGroup");
            } catch (IllegalArgumentException e) {
                problems.accept("pod " + pod.namespace() + "/" + pod.name() + ": " + e.getMessage() + "; using the default security groups");
            }
        }
        return settings.defaultSecurityGroups();
    }

    static OpflexGroup qosPolicy(PodAddressing pod, Consumer<String> problems) {
        if (pod.qosPolicy() != null && !pod.qosPolicy().isBlank()) {
            try {
                return OpflexGroup.parse(pod.qosPolicy(), "qosPolicy");
            } catch (IllegalArgumentException e) {
                problems.accept("pod " + pod.namespace() + "/" + pod.name() + ": " + e.getMessage() + "; no QoS policy");
            }
        }
        return OpflexGroup.NONE;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }
}
