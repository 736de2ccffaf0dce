package io.acicni.ipam.engine;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeAddressing.PodNetworkRanges;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.PodKey;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.allocator.Address;
import io.acicni.ipam.allocator.AddressRange;
import io.acicni.ipam.allocator.AllocationError;
import io.acicni.ipam.allocator.AllocationException;
import io.acicni.ipam.allocator.ChunkMove;
import io.acicni.ipam.allocator.Conflict;
import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.IpamAllocator;
import io.acicni.ipam.allocator.LbResult;
import io.acicni.ipam.allocator.PodAllocation;
import io.acicni.ipam.allocator.PoolCounters;
import io.acicni.ipam.allocator.PoolName;
import io.acicni.ipam.allocator.RestoreReport;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ipam controller logic: turns the cluster's Nodes, Pods and Services into allocations and
 * says what to publish and write back ({@link Changes}).
 *
 * <p><b>Concurrency rule</b>: like the allocator it drives, the engine is single-threaded. Every
 * method is called from the allocation loop's one thread (informer events, maintenance and REST
 * queries are all handed to that thread). See docs/ipam.md "Threads".
 */
public final class IpamEngine {
    public static final String ENDPOINT_GROUP = "opflex.cisco.com/endpoint-group";
    public static final String SECURITY_GROUP = "opflex.cisco.com/security-group";
    public static final String QOS_POLICY = "opflex.cisco.com/qospolicy";

    /** A pod ipam holds addresses for. */
    public record TrackedPod(String uid, String namespace, String name, String node, PodAddressing published) {
        String key() {
            return namespace + "/" + name;
        }
    }

    /** What the compacted topics held when this leader started. */
    public record RestoredState(Map<String, NodeAddressing> nodes, Map<String, PodAddressing> pods,
                                Map<String, ServiceAddressing> services) {
        public static RestoredState empty() {
            return new RestoredState(Map.of(), Map.of(), Map.of());
        }
    }

    private final ClusterAddressing addressing;
    private final IpamAllocator allocator;
    private final ClusterLookup cluster;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration repairGrace;
    private final List<IpFamily> lbFamilies;

    private final Map<String, TrackedPod> podsByKey = new HashMap<>();
    private final Map<String, String> keyByUid = new HashMap<>();
    private final Map<String, NodeAddressing> publishedNodes = new HashMap<>();
    private final Map<String, ServiceAddressing> publishedServices = new HashMap<>();
    /** The last record refused as too large, per service (so each version is reported once). */
    private final Map<String, ServiceAddressing> refusedServices = new HashMap<>();
    private final ServiceRecordSize recordSize;
    private final Map<String, LbCondition> lbConditions = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();
    private final Set<String> waitingPods = new LinkedHashSet<>();
    private final Set<String> waitingServices = new LinkedHashSet<>();
    private final Set<String> conflictedUids = new HashSet<>();
    private final Map<String, Instant> missingSince = new HashMap<>();
    private final List<ChunkMove> chunkMoves = new ArrayList<>();
    private long allocations;
    private long refusals;
    private final AllocationTally tally = new AllocationTally();

    public IpamEngine(ClusterAddressing addressing, IpamAllocator allocator, ClusterLookup cluster, AuditLog audit,
                      Clock clock, Duration repairGrace) {
        this(addressing, allocator, cluster, audit, clock, repairGrace, new ServiceRecordSize());
    }

    /** For tests: a smaller limit on a service's record. */
    IpamEngine(ClusterAddressing addressing, IpamAllocator allocator, ClusterLookup cluster, AuditLog audit,
               Clock clock, Duration repairGrace, ServiceRecordSize recordSize) {
        this.recordSize = recordSize;
        this.addressing = addressing;
        this.allocator = allocator;
        this.cluster = cluster;
        this.audit = audit;
        this.clock = clock;
        this.repairGrace = repairGrace;
        List<IpFamily> lb = new ArrayList<>();
        for (var r : addressing.allocatorConfig().servicePool()) {
            if (!lb.contains(r.family())) {
                lb.add(r.family());
            }
        }
        for (var r : addressing.allocatorConfig().staticServicePool()) {
            if (!lb.contains(r.family())) {
                lb.add(r.family());
            }
        }
        this.lbFamilies = List.copyOf(lb);
        allocator.pods().onChunkMove(chunkMoves::add);
    }

    public boolean isReady() {
        return allocator.isReady();
    }

    // ------------------------------------------------------------------ restore

    /**
     * Restores the allocator from Kubernetes (annotations, {@code status.podIPs}, LB ingress — these
     * win) and the compacted topics (for what Kubernetes does not show), reports conflicts without
     * reassigning anything, marks the allocator ready and then brings everything up to date.
     */
    public void restore(RestoredState kafka, Changes out) {
        publishedNodes.putAll(kafka.nodes());
        publishedServices.putAll(kafka.services());
        for (Node node : cluster.nodes()) {
            restoreNode(node, kafka.nodes().get(name(node)), out);
        }
        Map<String, PodAddressing> kafkaPodsByUid = new HashMap<>();
        kafka.pods().values().forEach(p -> kafkaPodsByUid.put(p.uid(), p));
        Set<String> livePods = new HashSet<>();
        for (Pod pod : cluster.pods()) {
            if (wantsAddresses(pod)) {
                livePods.add(pod.getMetadata().getUid());
                restorePod(pod, kafkaPodsByUid.get(pod.getMetadata().getUid()), out);
            }
        }
        for (PodAddressing record : kafka.pods().values()) {
            if (!livePods.contains(record.uid())) {
                holdOrphan(record, out);
            }
        }
        for (Service service : cluster.services()) {
            restoreService(service, kafka.services().get(key(service)), out);
        }
        for (String node : kafka.nodes().keySet()) {
            if (cluster.node(node).isEmpty()) {
                out.publish(Topic.NODE_ADDRESSING, node, null);
                out.audit(audit.event("node/" + node, "node.removed", kafka.nodes().get(node), null,
                        "node no longer exists (found at restore)"));
                publishedNodes.remove(node);
            }
        }
        for (String service : kafka.services().keySet()) {
            if (cluster.service(service).isEmpty()) {
                out.publish(Topic.SERVICE_ADDRESSING, service, null);
                publishedServices.remove(service);
            }
        }
        allocator.markReady();
        for (Node node : cluster.nodes()) {
            node(name(node), out);
        }
        for (Pod pod : cluster.pods()) {
            pod(key(pod), out);
        }
        for (Service service : cluster.services()) {
            service(key(service), out);
        }
    }

    private void restoreNode(Node node, NodeAddressing kafka, Changes out) {
        String name = name(node);
        Map<String, String> annotations = annotations(node.getMetadata());
        PodNetworkRanges ranges = null;
        String rangesText = annotations.get(NodeAnnotationCodec.POD_NETWORK_RANGES);
        if (rangesText != null) {
            try {
                ranges = NodeAnnotationCodec.readRanges(rangesText);
            } catch (InvalidEventException e) {
                warn(out, "Node", null, name, node.getMetadata().getUid(), "InvalidPodNetworkRanges",
                        "Ignoring annotation " + NodeAnnotationCodec.POD_NETWORK_RANGES + "='" + rangesText + "': " + e.getMessage());
            }
        }
        if (kafka != null && kafka.podNetworkRanges() != null) {
            // The annotation is written after the Kafka commit: a chunk committed by a leader that died
            // before the write-back (or whose write failed and was never retried) is only in Kafka, and
            // pods may already hold its addresses. Keep both, or those pods would be refused as out of
            // the node's ranges and the chunk handed out again.
            PodNetworkRanges committed = kafka.podNetworkRanges();
            ranges = ranges == null ? committed : new PodNetworkRanges(Types.union(ranges.v4(), committed.v4()),
                    Types.union(ranges.v6(), committed.v6()));
        }
        if (ranges != null) {
            List<AddressRange> list = new ArrayList<>();
            ranges.v4().forEach(r -> list.add(Types.range(r)));
            ranges.v6().forEach(r -> list.add(Types.range(r)));
            report("node/" + name, "Node", null, name, node.getMetadata().getUid(),
                    allocator.pods().restoreNodeRanges(name, list), out);
        }
        NodeServiceEndpoint endpoint = null;
        String endpointText = annotations.get(NodeAnnotationCodec.SERVICE_ENDPOINT);
        if (endpointText != null) {
            try {
                endpoint = NodeAnnotationCodec.readServiceEndpoint(endpointText);
            } catch (InvalidEventException e) {
                warn(out, "Node", null, name, node.getMetadata().getUid(), "InvalidServiceEndpoint",
                        "Ignoring annotation " + NodeAnnotationCodec.SERVICE_ENDPOINT + "='" + endpointText + "': " + e.getMessage());
            }
        }
        if (endpoint == null && kafka != null) {
            endpoint = kafka.serviceEndpoint();
        }
        if (endpoint != null) {
            macs.put(name, endpoint.mac());
            Map<IpFamily, Address> existing = new EnumMap<>(IpFamily.class);
            if (endpoint.ipv4() != null) {
                existing.put(IpFamily.V4, Address.from(endpoint.ipv4()));
            }
            if (endpoint.ipv6() != null) {
                existing.put(IpFamily.V6, Address.from(endpoint.ipv6()));
            }
            var restored = allocator.nodeServiceEndpoints().restore(name, existing);
            for (Conflict c : restored.conflicts()) {
                conflict(out, "node/" + name, "Node", null, name, node.getMetadata().getUid(), c);
            }
        }
    }

    private void restorePod(Pod pod, PodAddressing kafka, Changes out) {
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec().getNodeName();
        List<Address> addresses = new ArrayList<>();
        List<PodIP> podIPs = pod.getStatus() == null ? null : pod.getStatus().getPodIPs();
        if (podIPs != null && !podIPs.isEmpty()) {
            for (PodIP ip : podIPs) {
                try {
                    addresses.add(Address.from(Addresses.parse(ip.getIp(), "status.podIPs")));
                } catch (InvalidEventException e) {
                    warn(out, "Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, "InvalidPodIP", e.getMessage());
                }
            }
        } else if (kafka != null && kafka.node().equals(node)) {
            kafka.addresses().forEach(a -> addresses.add(Address.from(a.address())));
        }
        if (addresses.isEmpty()) {
            return;
        }
        RestoreReport report = allocator.pods().restorePod(uid, node, addresses);
        if (!report.clean()) {
            conflictedUids.add(uid);
            report("pod/" + key(pod), "Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, report, out);
            return;
        }
        PodAllocation pa = allocator.pods().pod(uid);
        if (pa != null) {
            track(new TrackedPod(uid, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node,
                    kafka != null && kafka.node().equals(node) ? kafka : null));
        }
    }

    /** A pod Kafka knows but Kubernetes does not: keep its addresses held until the repair grace ends. */
    private void holdOrphan(PodAddressing record, Changes out) {
        List<Address> addresses = new ArrayList<>();
        record.addresses().forEach(a -> addresses.add(Address.from(a.address())));
        RestoreReport report = allocator.pods().restorePod(record.uid(), record.node(), addresses);
        if (report.clean()) {
            track(new TrackedPod(record.uid(), record.namespace(), record.name(), record.node(), record));
            missingSince.put(record.uid(), clock.instant());
        } else {
            out.publish(Topic.POD_ADDRESSING, PodKey.of(record.node(), record.uid()), null);
            out.audit(audit.event("pod/" + record.namespace() + "/" + record.name(), "pod.released", record.addresses(), null,
                    "pod no longer exists and its addresses could not be held: " + describe(report.conflicts())));
        }
    }

    private void restoreService(Service service, ServiceAddressing kafka, Changes out) {
        if (!"LoadBalancer".equals(service.getSpec().getType())) {
            return;
        }
        List<Address> ingress = new ArrayList<>();
        ServiceStatus status = service.getStatus();
        if (status != null && status.getLoadBalancer() != null && status.getLoadBalancer().getIngress() != null
                && !status.getLoadBalancer().getIngress().isEmpty()) {
            for (var i : status.getLoadBalancer().getIngress()) {
                if (i.getIp() != null) {
                    try {
                        ingress.add(Address.from(Addresses.parse(i.getIp(), "status.loadBalancer.ingress.ip")));
                    } catch (InvalidEventException e) {
                        warn(out, "Service", service.getMetadata().getNamespace(), service.getMetadata().getName(),
                                service.getMetadata().getUid(), "InvalidIngressIP", e.getMessage());
                    }
                }
            }
        } else if (kafka != null) {
            kafka.loadBalancerIPs().forEach(ip -> ingress.add(Address.from(ip)));
        }
        if (!ingress.isEmpty()) {
            report("service/" + key(service), "Service", service.getMetadata().getNamespace(), service.getMetadata().getName(),
                    service.getMetadata().getUid(), allocator.loadBalancers().restore(key(service), ingress), out);
        }
    }

    // ------------------------------------------------------------------ nodes

    /** Brings a node up to date: ranges (chunk rule), service endpoint, record, annotations; or removes it. */
    public void node(String name, Changes out) {
        Optional<Node> node = cluster.node(name);
        if (node.isEmpty()) {
            removeNode(name, out);
            return;
        }
        var before = allocator.pods().nodeRanges(name);
        allocator.pods().addNode(name);
        var endpoint = allocator.nodeServiceEndpoints().endpoint(name);
        if (endpoint == null || missingFamily(endpoint)) {
            var allocated = allocator.nodeServiceEndpoints().allocate(name, Map.of());
            for (IpFamily f : nodeServiceFamilies()) {
                Address had = endpoint == null ? null : f == IpFamily.V4 ? endpoint.ipv4() : endpoint.ipv6();
                Address has = f == IpFamily.V4 ? allocated.ipv4() : allocated.ipv6();
                if (has == null) {
                    tally.add(PoolName.NODE_SERVICE, f, AllocationTally.Result.REFUSED);
                } else if (had == null) {
                    tally.add(PoolName.NODE_SERVICE, f, AllocationTally.Result.SUCCESS);
                }
            }
            if (!allocated.hasAny()) {
                warn(out, "Node", null, name, node.get().getMetadata().getUid(), "ServiceEndpointExhausted",
                        "No IP addresses available for service endpoint: " + describe(allocated.conflicts()));
            }
        }
        drainChunkMoves(out);
        if (before == null) {
            out.audit(audit.event("node/" + name, "node.added", null, allocator.pods().nodeRanges(name).toString(),
                    "node appeared; first chunk per family"));
        }
        publishNode(node.get(), out);
        List<String> retry = new ArrayList<>(waitingPods);
        for (String podKey : retry) {
            cluster.pod(podKey).filter(p -> name.equals(p.getSpec().getNodeName())).ifPresent(p -> pod(podKey, out));
        }
    }

    private List<IpFamily> nodeServiceFamilies() {
        List<IpFamily> families = new ArrayList<>();
        for (var r : addressing.allocatorConfig().nodeServicePool()) {
            if (!families.contains(r.family())) {
                families.add(r.family());
            }
        }
        return families;
    }

    private boolean missingFamily(io.acicni.ipam.allocator.NodeServiceEndpoint endpoint) {
        for (var r : addressing.allocatorConfig().nodeServicePool()) {
            if (r.family() == IpFamily.V4 && endpoint.ipv4() == null || r.family() == IpFamily.V6 && endpoint.ipv6() == null) {
                return true;
            }
        }
        return false;
    }

    private void removeNode(String name, Changes out) {
        boolean known = allocator.pods().nodeRanges(name) != null;
        if (known) {
            var ranges = allocator.pods().nodeRanges(name);
            List<String> released = allocator.pods().removeNode(name);
            for (String uid : released) {
                TrackedPod t = untrack(uid);
                if (t != null) {
                    out.publish(Topic.POD_ADDRESSING, PodKey.of(t.node(), t.uid()), null);
                    out.audit(audit.event("pod/" + t.key(), "pod.released", addressesOf(t), null, "node " + name + " was deleted"));
                }
            }
            out.audit(audit.event("node/" + name, "chunk.returned", ranges.toString(), null, "node deleted: its ranges return to the pool"));
        }
        List<Address> endpoint = allocator.nodeServiceEndpoints().release(name);
        NodeAddressing published = publishedNodes.remove(name);
        if (published != null || known) {
            out.publish(Topic.NODE_ADDRESSING, name, null);
            out.audit(audit.event("node/" + name, "node.removed", published, null,
                    "node deleted; service endpoint " + endpoint + " released"));
        }
        macs.remove(name);
    }

    private void publishNode(Node node, Changes out) {
        String name = name(node);
        var ranges = allocator.pods().nodeRanges(name);
        PodNetworkRanges podRanges = new PodNetworkRanges(
                Types.ranges(ranges.getOrDefault(IpFamily.V4, List.of())),
                Types.ranges(ranges.getOrDefault(IpFamily.V6, List.of())));
        var ep = allocator.nodeServiceEndpoints().endpoint(name);
        Map<String, String> annotations = annotations(node.getMetadata());
        String mac = macs.computeIfAbsent(name, n -> existingMac(annotations).orElseGet(() -> derivedMac(n)));
        NodeServiceEndpoint endpoint = new NodeServiceEndpoint(mac,
                ep == null || ep.ipv4() == null ? null : ep.ipv4().toIpAddress(),
                ep == null || ep.ipv6() == null ? null : ep.ipv6().toIpAddress());
        NodeAddressing record = new NodeAddressing(name, podRanges, endpoint, nodeIPs(node));
        if (!record.equals(publishedNodes.get(name))) {
            publishedNodes.put(name, record);
            out.publish(Topic.NODE_ADDRESSING, name, record);
        }
        Map<String, String> desired = new LinkedHashMap<>();
        desired.put(NodeAnnotationCodec.POD_NETWORK_RANGES, NodeAnnotationCodec.write(podRanges));
        desired.put(NodeAnnotationCodec.SERVICE_ENDPOINT, NodeAnnotationCodec.write(endpoint));
        boolean differs = desired.entrySet().stream().anyMatch(e -> !e.getValue().equals(annotations.get(e.getKey())));
        if (differs) {
            out.annotate(new Changes.NodeAnnotations(name, node.getMetadata().getUid(), desired));
        }
    }

    private List<IPAddress> nodeIPs(Node node) {
        List<IPAddress> ips = new ArrayList<>();
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress a : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(a.getType())) {
                    try {
                        ips.add(Addresses.parse(a.getAddress(), "status.addresses"));
                    } catch (InvalidEventException e) {
                        // a malformed node address is the kubelet's problem; it is simply not listed
                    }
                }
            }
        }
        IpFamily primary = addressing.podFamilies().isEmpty() ? IpFamily.V4 : addressing.podFamilies().get(0);
        ips.sort((a, b) -> Boolean.compare(familyOf(a) != primary, familyOf(b) != primary));
        return ips;
    }

    private static IpFamily familyOf(IPAddress ip) {
        return ip.isIPv4() ? IpFamily.V4 : IpFamily.V6;
    }

    private static Optional<String> existingMac(Map<String, String> annotations) {
        String text = annotations.get(NodeAnnotationCodec.SERVICE_ENDPOINT);
        if (text == null) {
            return Optional.empty();
        }
        try {
            String mac = NodeAnnotationCodec.readServiceEndpoint(text).mac();
            return "00:00:00:00:00:00".equals(mac) ? Optional.empty() : Optional.of(mac);
        } catch (InvalidEventException e) {
            return Optional.empty();
        }
    }

    /**
     * A locally administered unicast MAC derived from the node name, so that a node keeps its MAC
     * across restarts even when its annotation is lost (Cisco takes a random one).
     */
    static String derivedMac(String node) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(node.getBytes(StandardCharsets.UTF_8));
            h[0] = (byte) ((h[0] & 0xfe) | 0x02);
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                if (i > 0) {
                    mac.append(':');
                }
                mac.append(String.format("%02x", h[i] & 0xff));
            }
            return mac.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drainChunkMoves(Changes out) {
        Set<String> nodes = new LinkedHashSet<>();
        List<ChunkMove> moves = new ArrayList<>(chunkMoves);
        chunkMoves.clear();
        for (ChunkMove move : moves) {
            nodes.add(move.node());
            out.audit(audit.event("node/" + move.node(), move.toNode() ? "chunk.assigned" : "chunk.returned",
                    move.toNode() ? null : move.range().toString(), move.toNode() ? move.range().toString() : null, move.why()));
        }
        for (String node : nodes) {
            cluster.node(node).ifPresent(n -> publishNode(n, out));
        }
    }

    // ------------------------------------------------------------------ pods

    /** Brings a pod up to date: addresses when scheduled, record when labels/EPG change, release when gone. */
    public void pod(String key, Changes out) {
        Optional<Pod> found = cluster.pod(key);
        TrackedPod tracked = podsByKey.get(key);
        if (found.isEmpty() || !wantsAddresses(found.get())) {
            waitingPods.remove(key);
            if (tracked != null) {
                release(tracked, found.isEmpty() ? "pod deleted" : "pod finished (" + found.get().getStatus().getPhase() + ")", out);
            }
            return;
        }
        Pod pod = found.get();
        String uid = pod.getMetadata().getUid();
        if (tracked != null && !tracked.uid().equals(uid)) {
            release(tracked, "pod recreated with a new uid", out);
            tracked = null;
        }
        if (conflictedUids.contains(uid)) {
            return;
        }
        String node = pod.getSpec().getNodeName();
        PodAllocation allocation;
        if (tracked == null) {
            if (allocator.pods().nodeRanges(node) == null) {
                if (cluster.node(node).isEmpty()) {
                    waitingPods.add(key); // the Node object arrives later; node() retries waiting pods
                    return;
                }
                node(node, out);
            }
            try {
                allocation = allocator.pods().allocatePod(uid, node);
                allocations++;
                for (Address a : allocation.addresses()) {
                    tally.add(PoolName.POD, a.family(), AllocationTally.Result.SUCCESS);
                }
            } catch (AllocationException e) {
                refusals++;
                for (IpFamily f : addressing.podFamilies()) {
                    tally.add(PoolName.POD, f, AllocationTally.Result.REFUSED); // a pod gets all families or none
                }
                if (waitingPods.add(key)) {
                    warn(out, "Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid,
                            e.error() == AllocationError.RANGE_FULL ? "PodAddressesExhausted" : "PodAddressesRefused",
                            "Cannot allocate pod addresses on node " + node + ": " + e.getMessage());
                    out.audit(audit.event("pod/" + key, "pod.refused", null, null, e.error() + ": " + e.getMessage()));
                }
                return;
            }
            waitingPods.remove(key);
            drainChunkMoves(out);
        } else {
            allocation = allocator.pods().pod(uid);
        }
        PodAddressing record = podRecord(pod, node, allocation);
        if (tracked == null || !record.equals(tracked.published())) {
            out.publish(Topic.POD_ADDRESSING, record.key(), record);
            if (tracked == null || !record.addresses().equals(tracked.published() == null ? null : tracked.published().addresses())) {
                out.audit(audit.event("pod/" + key, "pod.allocated", tracked == null || tracked.published() == null ? null
                        : tracked.published().addresses(), record.addresses(), "pod scheduled on node " + node));
            }
        }
        track(new TrackedPod(uid, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node, record));
    }

    private PodAddressing podRecord(Pod pod, String node, PodAllocation allocation) {
        List<PodAddress> addresses = new ArrayList<>();
        for (IpFamily family : addressing.podFamilies()) {
            Address a = allocation.address(family);
            if (a != null) {
                addresses.add(addressing.podAddress(a));
            }
        }
        var meta = pod.getMetadata();
        Map<String, String> nsAnnotations = cluster.namespace(meta.getNamespace())
                .map(Namespace::getMetadata).map(IpamEngine::annotations).orElse(Map.of());
        Map<String, String> podAnnotations = annotations(meta);
        return new PodAddressing(meta.getUid(), meta.getNamespace(), meta.getName(), node, addresses,
                effective(ENDPOINT_GROUP, podAnnotations, nsAnnotations),
                effective(SECURITY_GROUP, podAnnotations, nsAnnotations),
                effective(QOS_POLICY, podAnnotations, nsAnnotations),
                meta.getLabels()).withTerminating(meta.getDeletionTimestamp() != null);
    }

    private static String effective(String annotation, Map<String, String> pod, Map<String, String> namespace) {
        String value = pod.get(annotation);
        return value != null ? value : namespace.get(annotation);
    }

    private void release(TrackedPod tracked, String reason, Changes out) {
        try {
            allocator.pods().releasePod(tracked.uid());
        } catch (AllocationException e) {
            if (e.error() != AllocationError.NOT_ALLOCATED) {
                throw e;
            }
        }
        untrack(tracked.uid());
        missingSince.remove(tracked.uid());
        out.publish(Topic.POD_ADDRESSING, PodKey.of(tracked.node(), tracked.uid()), null);
        out.audit(audit.event("pod/" + tracked.key(), "pod.released", addressesOf(tracked), null, reason));
    }

    private static Object addressesOf(TrackedPod tracked) {
        return tracked.published() == null ? null : tracked.published().addresses();
    }

    private void track(TrackedPod tracked) {
        podsByKey.put(tracked.key(), tracked);
        keyByUid.put(tracked.uid(), tracked.key());
    }

    private TrackedPod untrack(String uid) {
        String key = keyByUid.remove(uid);
        if (key == null) {
            return null;
        }
        TrackedPod t = podsByKey.get(key);
        if (t != null && t.uid().equals(uid)) {
            podsByKey.remove(key);
            return t;
        }
        return null;
    }

    static boolean wantsAddresses(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return false;
        }
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    // ------------------------------------------------------------------ services

    /** Brings a service up to date: LoadBalancer addresses and condition, record; or releases it. */
    public void service(String key, Changes out) {
        Optional<Service> found = cluster.service(key);
        if (found.isEmpty()) {
            waitingServices.remove(key);
            lbConditions.remove(key);
            refusedServices.remove(key);
            List<Address> released = allocator.loadBalancers().release(key);
            if (!released.isEmpty()) {
                out.audit(audit.event("service/" + key, "lb.released", released.toString(), null, "service deleted"));
            }
            if (publishedServices.remove(key) != null) {
                out.publish(Topic.SERVICE_ADDRESSING, key, null);
            }
            return;
        }
        Service service = found.get();
        var meta = service.getMetadata();
        List<IPAddress> lbIps = new ArrayList<>();
        if ("LoadBalancer".equals(service.getSpec().getType())) {
            List<Address> before = allocator.loadBalancers().ingress(key);
            LoadBalancerRequests.Parsed parsed = LoadBalancerRequests.parse(key, service, lbFamilies);
            List<Address> ingress;
            LbCondition condition;
            if (!parsed.isValid()) {
                ingress = before; // a typo in an annotation does not take the service's addresses away
                condition = LbCondition.invalid(parsed.invalid());
            } else if (parsed.unsatisfiable() != null) {
                allocator.loadBalancers().release(key);
                ingress = List.of();
                condition = LbCondition.of(io.acicni.ipam.allocator.LbOutcome.FAMILIES_NOT_SATISFIED, "[]", parsed.unsatisfiable());
                waitingServices.remove(key);
            } else {
                LbResult result = allocator.loadBalancers().allocate(parsed.request());
                ingress = result.ingress();
                condition = LbCondition.of(result.outcome(), ingress.toString(), describe(result.conflicts()));
                if (result.outcome() == io.acicni.ipam.allocator.LbOutcome.NO_ADDRESSES) {
                    waitingServices.add(key);
                } else {
                    waitingServices.remove(key);
                }
            }
            if (!before.equals(ingress)) {
                out.audit(audit.event("service/" + key, "lb.allocated", before.toString(), ingress.toString(), condition.message()));
                for (Address a : ingress) {
                    if (!before.contains(a)) {
                        tally.add(allocator.loadBalancers().isStatic(key, a.family()) ? PoolName.STATIC_SERVICE : PoolName.SERVICE,
                                a.family(), AllocationTally.Result.SUCCESS);
                    }
                }
            }
            if (!condition.equals(lbConditions.put(key, condition)) && !"True".equals(condition.status())) {
                refusals++;
                tallyLbRefusal(service, parsed, ingress);
                warn(out, "Service", meta.getNamespace(), meta.getName(), meta.getUid(), condition.reason(), condition.message());
                out.audit(audit.event("service/" + key, "lb.refused", null, null, condition.reason() + ": " + condition.message()));
            }
            ingress.forEach(a -> lbIps.add(a.toIpAddress()));
            List<String> ips = lbIps.stream().map(Addresses::format).collect(Collectors.toList());
            if (!statusMatches(service, ips, condition)) {
                out.status(new Changes.ServiceStatus(meta.getNamespace(), meta.getName(), meta.getUid(), ips, condition));
            }
        } else {
            List<Address> released = allocator.loadBalancers().release(key);
            if (!released.isEmpty() || lbConditions.remove(key) != null) {
                out.audit(audit.event("service/" + key, "lb.released", released.toString(), null, "service is no longer of type LoadBalancer"));
                out.status(new Changes.ServiceStatus(meta.getNamespace(), meta.getName(), meta.getUid(), List.of(), null));
            }
            waitingServices.remove(key);
        }
        ServiceAddressing record = ServiceAddressingFactory.build(service,
                cluster.endpointSlices(meta.getNamespace(), meta.getName()), lbIps);
        if (!record.equals(publishedServices.get(key))) {
            Optional<String> tooLarge = recordSize.refusal(record);
            if (tooLarge.isPresent()) {
                // once per version of the record, not at every pass that meets it again
                if (!record.equals(refusedServices.put(key, record))) {
                    warn(out, "Service", meta.getNamespace(), meta.getName(), meta.getUid(), "AddressingTooLarge", tooLarge.get());
                    out.audit(audit.event("service/" + key, "service.refused", null, null, tooLarge.get()));
                }
                return;
            }
            refusedServices.remove(key);
            publishedServices.put(key, record);
            out.publish(Topic.SERVICE_ADDRESSING, key, record);
        }
    }

    /**
     * The families a LoadBalancer service asked for and did not get; from the static pool when it
     * requested an address of that family (a malformed or unsatisfiable request is one of requested
     * addresses), else the dynamic one.
     */
    private void tallyLbRefusal(Service service, LoadBalancerRequests.Parsed parsed, List<Address> ingress) {
        List<IpFamily> wanted = parsed.request() != null ? parsed.request().families()
                : LoadBalancerRequests.families(service.getSpec());
        List<IpFamily> missing = wanted.stream().filter(f -> ingress.stream().noneMatch(a -> a.family() == f)).toList();
        for (IpFamily f : missing.isEmpty() ? wanted : missing) {
            boolean requested = parsed.request() == null
                    || parsed.request().requested().stream().anyMatch(a -> a.family() == f);
            tally.add(requested ? PoolName.STATIC_SERVICE : PoolName.SERVICE, f, AllocationTally.Result.REFUSED);
        }
    }

    private static boolean statusMatches(Service service, List<String> ips, LbCondition condition) {
        ServiceStatus status = service.getStatus();
        List<String> current = new ArrayList<>();
        if (status != null && status.getLoadBalancer() != null && status.getLoadBalancer().getIngress() != null) {
            status.getLoadBalancer().getIngress().forEach(i -> current.add(i.getIp()));
        }
        if (!current.equals(ips)) {
            return false;
        }
        var existing = status == null || status.getConditions() == null ? null
                : status.getConditions().stream().filter(c -> LbCondition.TYPE.equals(c.getType())).findFirst().orElse(null);
        return existing != null && Objects.equals(existing.getStatus(), condition.status())
                && Objects.equals(existing.getReason(), condition.reason())
                && Objects.equals(existing.getMessage(), condition.message());
    }

    // ------------------------------------------------------------------ maintenance

    /**
     * Periodic work: quarantine expiry and chunk reclamation (nodes republished when a chunk flows
     * back), retries of pods and services that waited for addresses, and the repair loop — addresses
     * held for pods that no longer exist are released once the repair grace has passed.
     */
    public void maintain(Changes out) {
        allocator.maintain();
        drainChunkMoves(out);
        for (String key : new ArrayList<>(waitingPods)) {
            pod(key, out);
        }
        for (String key : new ArrayList<>(waitingServices)) {
            service(key, out);
        }
        Instant now = clock.instant();
        for (TrackedPod t : new ArrayList<>(podsByKey.values())) {
            Optional<Pod> live = cluster.pod(t.key());
            boolean exists = live.isPresent() && live.get().getMetadata().getUid().equals(t.uid()) && wantsAddresses(live.get());
            if (exists) {
                missingSince.remove(t.uid());
                continue;
            }
            Instant since = missingSince.computeIfAbsent(t.uid(), u -> now);
            if (!now.isBefore(since.plus(repairGrace))) {
                release(t, "repair: pod no longer exists (missing since " + since + ")", out);
            }
        }
    }

    // ------------------------------------------------------------------ reporting

    private void report(String subject, String kind, String namespace, String name, String uid, RestoreReport report, Changes out) {
        for (Conflict c : report.conflicts()) {
            conflict(out, subject, kind, namespace, name, uid, c);
        }
    }

    private void conflict(Changes out, String subject, String kind, String namespace, String name, String uid, Conflict c) {
        warn(out, kind, namespace, name, uid, "AddressConflict",
                "Existing address " + c.subject() + " not taken over (" + c.error() + "): " + c.detail() + "; nothing was reassigned");
        out.audit(audit.event(subject, "address.conflict", c.subject(), null, c.error() + ": " + c.detail()));
    }

    private void warn(Changes out, String kind, String namespace, String name, String uid, String reason, String message) {
        out.event(new Changes.ClusterEvent(kind, namespace, name, uid, "Warning", reason, message));
    }

    private static String describe(List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return "no conflict reported";
        }
        return conflicts.stream().map(c -> c.subject() + ": " + c.error() + " (" + c.detail() + ")").collect(Collectors.joining("; "));
    }

    private static String name(Node node) {
        return node.getMetadata().getName();
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }

    static Map<String, String> annotations(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }

    // ------------------------------------------------------------------ queries (REST, metrics)

    public List<PoolCounters> pools() {
        return allocator.counters();
    }

    public Optional<NodeAddressing> nodeAddressing(String name) {
        return Optional.ofNullable(publishedNodes.get(name));
    }

    public int podCount(String node) {
        return allocator.pods().podCount(node);
    }

    public Optional<TrackedPod> pod(String namespace, String name) {
        return Optional.ofNullable(podsByKey.get(namespace + "/" + name));
    }

    public Optional<ServiceAddressing> serviceAddressing(String key) {
        return Optional.ofNullable(publishedServices.get(key));
    }

    public Optional<LbCondition> lbCondition(String key) {
        return Optional.ofNullable(lbConditions.get(key));
    }

    public long allocations() {
        return allocations;
    }

    /** Allocation results per pool, family and result (for {@code acicni_ipam_allocations_total}). */
    public AllocationTally tally() {
        return tally;
    }

    public long refusals() {
        return refusals;
    }

    public int waitingPods() {
        return waitingPods.size();
    }
}
