package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.ServiceAddressing.Endpoint;
import io.acicni.events.model.ServiceAddressing.EndpointPort;
import io.acicni.events.model.ServiceAddressing.Port;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The opflex-agent {@code .service} documents of one service as seen from one node: the internal
 * {@code <uid>.service} and, for a LoadBalancer service on a node with a service endpoint, the
 * {@code <uid>-external.service}.
 *
 * <p>One {@code service-mapping} per cluster IP (in {@code clusterIPs} order) × service port (by port
 * number, then protocol) × next-hop port, next hops of the cluster IP's family only, sorted. Unlike
 * Cisco (P3) the order never depends on map iteration, so an unchanged service gives identical bytes.
 */
public final class ServiceFiles {
    public static final int DEFAULT_CLIENT_IP_TIMEOUT = 10800;
    public static final int NO_AFFINITY_TIMEOUT = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Comparator<Port> PORT_ORDER = Comparator.comparingInt(Port::port)
            .thenComparing(p -> p.protocol().toUpperCase(Locale.ROOT))
            .thenComparing(p -> p.name() == null ? "" : p.name());

    private ServiceFiles() {
    }

    /** File name → document; empty for headless and ExternalName services and services without ready endpoints. */
    public static Map<String, ObjectNode> documents(ServiceAddressing service, String node, NodeServiceEndpoint serviceEndpoint,
                                                    FileSettings settings) {
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        if (service.clusterIPs().isEmpty() || "ExternalName".equals(service.type())) {
            return files;
        }
        String uid = FileNames.serviceUid(service.uid());
        ObjectNode internal = internal(service, settings);
        if (internal != null) {
            files.put(uid + ".service", internal);
        }
        ObjectNode external = external(service, node, serviceEndpoint, settings);
        if (external != null) {
            files.put(uid + "-external.service", external);
        }
        return files;
    }

    static ObjectNode internal(ServiceAddressing service, FileSettings settings) {
        boolean conntrackNat = "ClusterIP".equals(service.type()) && "ClientIP".equals(service.sessionAffinity());
        List<ObjectNode> mappings = new ArrayList<>();
        for (IPAddress clusterIp : distinct(service.clusterIPs())) {
            mappings.addAll(mappings(service, clusterIp, IpFamily.of(clusterIp), service.endpoints(), conntrackNat));
        }
        if (mappings.isEmpty()) {
            return null;
        }
        ObjectNode doc = header(service.uid(), settings);
        doc.put("service-type", serviceType(service.type()));
        ArrayNode list = doc.putArray("service-mapping");
        mappings.forEach(list::add);
        doc.set("attributes", attributes(service));
        return doc;
    }

    static ObjectNode external(ServiceAddressing service, String node, NodeServiceEndpoint serviceEndpoint, FileSettings settings) {
        if (!"LoadBalancer".equals(service.type()) || serviceEndpoint == null || service.loadBalancerIPs().isEmpty()
                || settings.uplinkIface() == null || settings.uplinkIface().isEmpty()) {
            return null;
        }
        // external traffic goes to this node's ready endpoints only
        List<Endpoint> local = service.endpoints().stream().filter(e -> node.equals(e.node()) && !e.isTerminating()).toList();
        List<ObjectNode> mappings = new ArrayList<>();
        Set<IpFamily> done = new LinkedHashSet<>();
        for (IPAddress clusterIp : distinct(service.clusterIPs())) {
            IpFamily family = IpFamily.of(clusterIp);
            if (!done.add(family) || serviceEndpoint.address(family) == null) {
                continue;
            }
            IPAddress lbIp = service.loadBalancerIPs().stream().filter(ip -> IpFamily.of(ip) == family).findFirst().orElse(null);
            if (lbIp != null) {
                mappings.addAll(mappings(service, lbIp, family, local, false));
            }
        }
        if (mappings.isEmpty()) {
            return null;
        }
        ObjectNode doc = header(service.uid() + "-external", settings);
        String mac = settings.uplinkMac() != null ? settings.uplinkMac() : serviceEndpoint.mac();
        doc.put("service-mac", mac);
        doc.put("interface-name", settings.uplinkIface());
        IPAddress interfaceIp = serviceEndpoint.ipv4() != null ? serviceEndpoint.ipv4() : serviceEndpoint.ipv6();
        doc.put("interface-ip", Addresses.format(interfaceIp));
        doc.put("interface-vlan", settings.serviceVlan());
        doc.put("service-type", serviceType(service.type()));
        ArrayNode list = doc.putArray("service-mapping");
        mappings.forEach(list::add);
        doc.set("attributes", attributes(service));
        return doc;
    }

    private static ObjectNode header(String uuid, FileSettings settings) {
        ObjectNode doc = JSON.objectNode();
        doc.put("uuid", uuid);
        if (settings.aciVrfTenant() != null && !settings.aciVrfTenant().isEmpty()) {
            doc.put("domain-policy-space", settings.aciVrfTenant());
        }
        if (settings.aciVrf() != null && !settings.aciVrf().isEmpty()) {
            doc.put("domain-name", settings.aciVrf());
        }
        doc.put("service-mode", "loadbalancer");
        return doc;
    }

    private static List<ObjectNode> mappings(ServiceAddressing service, IPAddress serviceIp, IpFamily family,
                                             List<Endpoint> endpoints, boolean conntrackNat) {
        List<ObjectNode> out = new ArrayList<>();
        List<Port> ports = new ArrayList<>(service.ports());
        ports.sort(PORT_ORDER);
        for (Port port : ports) {
            Map<Integer, TreeSet<IPAddress>> byTargetPort = new TreeMap<>();
            Map<Integer, TreeSet<IPAddress>> terminatingByTargetPort = new TreeMap<>();
            for (Endpoint endpoint : endpoints) {
                if (endpoint.family() != family) {
                    continue; // P12: only same-family next hops, whatever slice they came in
                }
                Integer target = targetPort(port, endpoint);
                if (target != null) {
                    byTargetPort.computeIfAbsent(target, k -> new TreeSet<>());
                    terminatingByTargetPort.computeIfAbsent(target, k -> new TreeSet<>());
                    (endpoint.isTerminating() ? terminatingByTargetPort : byTargetPort).get(target).add(endpoint.address());
                }
            }
            byTargetPort.forEach((target, hops) -> out.add(mapping(service, serviceIp, port, target, hops,
                    terminatingByTargetPort.get(target), conntrackNat)));
        }
        return out;
    }

    private static ObjectNode mapping(ServiceAddressing service, IPAddress serviceIp, Port port, int target,
                                      Set<IPAddress> hops, Set<IPAddress> terminating, boolean conntrackNat) {
        ObjectNode m = JSON.objectNode();
        m.put("service-ip", Addresses.format(serviceIp));
        m.put("service-proto", port.protocol().toLowerCase(Locale.ROOT));
        m.put("service-port", port.port());
        ArrayNode next = m.putArray("next-hop-ips");
        hops.forEach(ip -> next.add(Addresses.format(ip)));
        ArrayNode draining = m.putArray("terminating-next-hop-ips");
        terminating.forEach(ip -> draining.add(Addresses.format(ip)));
        m.put("next-hop-port", target);
        m.put("conntrack-enabled", true);
        if (conntrackNat) {
            m.put("conntrack-nat", true);
        }
        if (port.nodePort() != null && port.nodePort() != 0) {
            m.put("node-port", port.nodePort());
        }
        int timeout = "ClientIP".equals(service.sessionAffinity())
                ? (service.sessionAffinityTimeoutSeconds() != null ? service.sessionAffinityTimeoutSeconds() : DEFAULT_CLIENT_IP_TIMEOUT)
                : NO_AFFINITY_TIMEOUT;
        m.putObject("session-affinity").putObject("client-ip").put("timeout-seconds", timeout);
        return m;
    }

    /**
     * The port an endpoint serves a service port on: the endpoint port with the same protocol (and the
     * same name when the service port is named); without endpoint ports, a numeric target port or the
     * service port itself. Null when the endpoint does not serve the port.
     */
    static Integer targetPort(Port port, Endpoint endpoint) {
        if (endpoint.ports().isEmpty()) {
            if (port.targetPort() == null || port.targetPort().isEmpty()) {
                return port.port();
            }
            try {
                return Integer.valueOf(port.targetPort());
            } catch (NumberFormatException named) {
                return null;
            }
        }
        for (EndpointPort ep : endpoint.ports()) {
            if (!ep.protocol().equalsIgnoreCase(port.protocol())) {
                continue;
            }
            if (port.name() == null || port.name().isEmpty() || port.name().equals(ep.name())) {
                return ep.port();
            }
        }
        return null;
    }

    private static ObjectNode attributes(ServiceAddressing service) {
        Map<String, String> attributes = new TreeMap<>(service.labels());
        attributes.put("namespace", service.namespace());
        attributes.put("name", service.name());
        attributes.put("service-name", service.namespace() + "_" + service.name());
        ObjectNode node = JSON.objectNode();
        attributes.forEach(node::put);
        return node;
    }

    static String serviceType(String type) {
        return switch (type) {
            case "ClusterIP" -> "clusterIp";
            case "NodePort" -> "nodePort";
            case "LoadBalancer" -> "loadBalancer";
            case "ExternalName" -> "externalName";
            default -> type.isEmpty() ? type : Character.toLowerCase(type.charAt(0)) + type.substring(1);
        };
    }

    private static List<IPAddress> distinct(List<IPAddress> ips) {
        return new ArrayList<>(new LinkedHashSet<>(ips));
    }
}
