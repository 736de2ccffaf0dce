package io.acicni.ipam.engine;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.allocator.IpamAllocator;
import io.acicni.netconfig.config.AciContainersConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IpamEngineTest {
    private final MutableClock clock = new MutableClock();
    private FakeCluster cluster;
    private IpamEngine engine;

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T06:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        cluster = newCluster();
        engine = newEngine(cluster);
    }

    /** The cluster the engine reads; {@code IpamEngineReadModelTest} reads it through ipam's informer model. */
    FakeCluster newCluster() {
        return new FakeCluster();
    }

    private IpamEngine newEngine(FakeCluster c) throws Exception {
        return newEngine(c, new ServiceRecordSize());
    }

    private IpamEngine newEngine(FakeCluster c, ServiceRecordSize recordSize) throws Exception {
        var controller = AciContainersConfig.controllerFromJson(Files.readString(Path.of("src/test/resources/controller.conf")));
        ClusterAddressing addressing = ClusterAddressing.from(controller, Duration.ofSeconds(30), clock);
        return new IpamEngine(addressing, new IpamAllocator(addressing.allocatorConfig()), c,
                new AuditLog("ipam-service/test", clock), clock, Duration.ofMinutes(2), recordSize);
    }

    private void webSlice(int endpoints) {
        cluster.slices.removeIf(sl -> sl.getMetadata().getName().equals("web-ipv4"));
        var slice = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder()
                .withNewMetadata().withNamespace("default").withName("web-ipv4").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
        for (int i = 0; i < endpoints; i++) {
            slice.addNewEndpoint().withAddresses("10.2.1." + (i + 2)).withNodeName("worker-1")
                    .withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        cluster.slices.add(slice.build());
    }

    private Changes restoreEmpty() {
        Changes out = new Changes();
        engine.restore(IpamEngine.RestoredState.empty(), out);
        return out;
    }

    private static <T> T published(Changes out, Topic topic, String key, Class<T> type) {
        return out.publishes().stream().filter(p -> p.topic() == topic && p.key().equals(key))
                .map(p -> type.cast(p.value())).findFirst().orElseThrow(() -> new AssertionError("nothing published for " + key));
    }

    @Test
    void aNewNodeGetsOneChunkPerFamilyAndCiscosAnnotations() {
        restoreEmpty();
        String uid = cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11").getMetadata().getUid();
        Changes out = new Changes();
        engine.node("worker-1", out);

        NodeAddressing node = published(out, Topic.NODE_ADDRESSING, "worker-1", NodeAddressing.class);
        assertThat(node.podNetworkRanges().v4()).hasSize(1);
        assertThat(node.podNetworkRanges().v4().get(0).start().toString()).isEqualTo("10.2.0.2");
        assertThat(node.podNetworkRanges().v4().get(0).end().toString()).isEqualTo("10.2.0.33");
        assertThat(node.podNetworkRanges().v6().get(0).start().toCanonicalString()).isEqualTo("2001:fb8:42::2");
        assertThat(node.podNetworkRanges().v6().get(0).end().toCanonicalString()).isEqualTo("2001:fb8:42::21");
        assertThat(node.serviceEndpoint().ipv4().toString()).isEqualTo("10.5.0.2");
        assertThat(node.serviceEndpoint().ipv6().toCanonicalString()).isEqualTo("fd00:5::2");
        assertThat(node.nodeIPs()).extracting(Object::toString).containsExactly("192.168.51.11", "2600:1d18:f46:9605::11");

        Changes.NodeAnnotations annotations = out.nodeAnnotations().get(0);
        assertThat(annotations.uid()).as("the write applies to this node object only").isEqualTo(uid);
        assertThat(annotations.annotations().get(NodeAnnotationCodec.POD_NETWORK_RANGES)).isEqualTo(
                "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[{\"start\":\"2001:fb8:42::2\",\"end\":\"2001:fb8:42::21\"}]}");
        assertThat(annotations.annotations().get(NodeAnnotationCodec.SERVICE_ENDPOINT))
                .matches("\\{\"mac\":\"[0-9a-f]{2}(:[0-9a-f]{2}){5}\",\"ipv4\":\"10.5.0.2\",\"ipv6\":\"fd00:5::2\"}");
        assertThat(out.audits()).extracting(a -> a.action()).contains("node.added", "chunk.assigned");
    }

    @Test
    void podsGetOneAddressPerFamilyPrimaryFirstWithSubnetGateway() {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Pod pod = cluster.addPod("default", "web-" + i, "worker-1");
            Changes out = new Changes();
            engine.pod("default/web-" + i, out);
            PodAddressing record = published(out, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class);
            assertThat(record.addresses()).hasSize(2);
            PodAddress v4 = record.addresses().get(0);
            PodAddress v6 = record.addresses().get(1);
            assertThat(v4.address().isIPv4()).isTrue();
            assertThat(v4.prefixLength()).isEqualTo(16);
            assertThat(v4.gateway().toString()).isEqualTo("10.2.0.1");
            assertThat(v6.address().isIPv6()).isTrue();
            assertThat(v6.prefixLength()).isEqualTo(56);
            assertThat(v6.gateway().toCanonicalString()).isEqualTo("2001:fb8:42::1");
            assertThat(seen.add(v4.address().toString())).isTrue();
            assertThat(seen.add(v6.address().toString())).isTrue();
            assertThat(record.labels()).containsEntry("app", "web-" + i);
        }
        // 40 pods on a node that started with 32 addresses: the chunk rule gave it more, both families
        assertThat(engine.nodeAddressing("worker-1").orElseThrow().podNetworkRanges().v4().stream()
                .mapToLong(r -> r.end().getValue().longValue() - r.start().getValue().longValue() + 1).sum()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void aDeletedPodIsReleasedWithATombstoneAndItsAddressRestsInQuarantine() {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        Pod pod = cluster.addPod("default", "web", "worker-1");
        Changes first = new Changes();
        engine.pod("default/web", first);
        PodAddressing record = published(first, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class);

        cluster.pods.remove("default/web");
        Changes out = new Changes();
        engine.pod("default/web", out);
        assertThat(out.publishes()).containsExactly(new Changes.Publish(Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), null));
        assertThat(out.audits()).extracting(a -> a.action()).containsExactly("pod.released");

        Pod next = cluster.addPod("default", "web-2", "worker-1");
        Changes again = new Changes();
        engine.pod("default/web-2", again);
        PodAddressing nextRecord = published(again, Topic.POD_ADDRESSING, "worker-1/" + next.getMetadata().getUid(), PodAddressing.class);
        assertThat(nextRecord.addresses().get(0).address()).isNotEqualTo(record.addresses().get(0).address());
    }

    @Test
    void aFinishedPodGivesItsAddressesBackAndAHostNetworkPodGetsNone() {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        Pod job = cluster.addPod("default", "job", "worker-1");
        engine.pod("default/job", new Changes());
        assertThat(engine.pod("default", "job")).isPresent();

        job.getStatus().setPhase("Succeeded");
        Changes out = new Changes();
        engine.pod("default/job", out);
        assertThat(out.publishes()).containsExactly(new Changes.Publish(Topic.POD_ADDRESSING, "worker-1/" + job.getMetadata().getUid(), null));
        assertThat(out.audits()).extracting(a -> a.action()).containsExactly("pod.released");
        assertThat(engine.pod("default", "job")).isEmpty();

        Pod host = cluster.addPod("kube-system", "proxy", "worker-1");
        host.getSpec().setHostNetwork(true);
        Changes none = new Changes();
        engine.pod("kube-system/proxy", none);
        assertThat(none.publishes()).isEmpty();
        assertThat(engine.pod("kube-system", "proxy")).isEmpty();
    }

    @Test
    void dualStackLoadBalancerGetsBothFamiliesAndSuccess() {
        restoreEmpty();
        Service svc = cluster.addLoadBalancer("default", "web", "PreferDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.10", "fd00:96::a"));
        svc.getMetadata().setLabels(Map.of("app", "web"));
        Changes out = new Changes();
        engine.service("default/web", out);
        Changes.ServiceStatus status = out.serviceStatuses().get(0);
        assertThat(status.uid()).as("the write applies to this Service object only").isEqualTo(svc.getMetadata().getUid());
        assertThat(status.ingressIps()).containsExactly("10.3.0.2", "2001:4fb8:43::2");
        assertThat(status.condition().status()).isEqualTo("True");
        assertThat(status.condition().reason()).isEqualTo("Success");
        ServiceAddressing record = published(out, Topic.SERVICE_ADDRESSING, "default/web", ServiceAddressing.class);
        assertThat(record.loadBalancerIPs()).extracting(Object::toString).containsExactly("10.3.0.2", "2001:4fb8:43::2");
        assertThat(record.uid()).isEqualTo(svc.getMetadata().getUid());
        assertThat(record.labels()).containsEntry("app", "web");
    }

    @Test
    void singleStackIpv6LoadBalancerGetsOnlyIpv6() {
        restoreEmpty();
        cluster.addLoadBalancer("default", "v6", "SingleStack", List.of("IPv6"), List.of("fd00:96::b"));
        Changes out = new Changes();
        engine.service("default/v6", out);
        assertThat(out.serviceStatuses().get(0).ingressIps()).containsExactly("2001:4fb8:43::2");
    }

    @Test
    void requireDualStackThatCannotGetBothGetsNeitherAndSaysWhy() {
        restoreEmpty();
        Service svc = cluster.addLoadBalancer("default", "strict", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.12", "fd00:96::c"));
        svc.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        Changes out = new Changes();
        engine.service("default/strict", out);
        Changes.ServiceStatus status = out.serviceStatuses().get(0);
        assertThat(status.ingressIps()).isEmpty();
        assertThat(status.condition().status()).isEqualTo("False");
        assertThat(out.events()).extracting(Changes.ClusterEvent::type).contains("Warning");
        assertThat(out.audits()).extracting(a -> a.action()).contains("lb.refused");
    }

    @Test
    void requestedStaticIpIsHonouredAndATakenOneIsRefusedWithCiscosReason() {
        restoreEmpty();
        Service first = cluster.addLoadBalancer("default", "a", "SingleStack", List.of("IPv4"), List.of("10.96.0.20"));
        first.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        Changes out = new Changes();
        engine.service("default/a", out);
        assertThat(out.serviceStatuses().get(0).ingressIps()).containsExactly("10.4.0.20");

        Service second = cluster.addLoadBalancer("default", "b", "SingleStack", List.of("IPv4"), List.of("10.96.0.21"));
        second.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        Changes taken = new Changes();
        engine.service("default/b", taken);
        assertThat(taken.serviceStatuses().get(0).ingressIps()).isEmpty();
        assertThat(taken.serviceStatuses().get(0).condition().reason()).isEqualTo(LbCondition.REQUESTED_NOT_ALLOCATABLE);
        assertThat(taken.serviceStatuses().get(0).condition().message()).isEqualTo(LbCondition.REQUESTED_NOT_ALLOCATABLE_MESSAGE);
    }

    @Test
    void invalidAnnotationNamesTheValueAndKeepsWhatTheServiceHolds() {
        restoreEmpty();
        Service svc = cluster.addLoadBalancer("default", "c", "SingleStack", List.of("IPv4"), List.of("10.96.0.30"));
        Changes out = new Changes();
        engine.service("default/c", out);
        assertThat(out.serviceStatuses().get(0).ingressIps()).containsExactly("10.3.0.2");

        svc.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.7,10.4.0.8"));
        Changes bad = new Changes();
        engine.service("default/c", bad);
        Changes.ServiceStatus status = bad.serviceStatuses().get(0);
        assertThat(status.condition().reason()).isEqualTo(LbCondition.INVALID_ANNOTATION);
        assertThat(status.condition().message()).startsWith("Invalid Loadbalancer IP annotation").contains("10.4.0.7,10.4.0.8");
        assertThat(status.ingressIps()).containsExactly("10.3.0.2");

        svc.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "not-an-ip"));
        Changes garbage = new Changes();
        engine.service("default/c", garbage);
        assertThat(garbage.serviceStatuses().get(0).condition().message()).contains("not-an-ip");
    }

    @Test
    void aDeletedNodeGivesItsRangesBackAndReleasesItsPods() {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        Pod pod = cluster.addPod("default", "web", "worker-1");
        engine.pod("default/web", new Changes());
        cluster.nodes.remove("worker-1");
        Changes out = new Changes();
        engine.node("worker-1", out);
        assertThat(out.publishes()).contains(new Changes.Publish(Topic.NODE_ADDRESSING, "worker-1", null),
                new Changes.Publish(Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), null));
        assertThat(engine.pools().stream().filter(c -> c.pool().name().equals("POD")).mapToLong(c -> c.used())).containsOnly(0L);
    }

    @Test
    void restartWithExistingAnnotationsAndPodIpsReassignsNothing() throws Exception {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        Changes nodeOut = new Changes();
        engine.node("worker-1", nodeOut);
        cluster.nodes.get("worker-1").getMetadata().setAnnotations(new HashMap<>(nodeOut.nodeAnnotations().get(0).annotations()));
        Map<String, PodAddressing> kafkaPods = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            Pod pod = cluster.addPod("default", "p" + i, "worker-1");
            Changes out = new Changes();
            engine.pod("default/p" + i, out);
            PodAddressing record = published(out, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class);
            pod.getStatus().setPodIPs(record.addresses().stream().map(a -> new PodIPBuilder().withIp(a.address().toCanonicalString()).build()).toList());
            kafkaPods.put(record.key(), record);
        }
        NodeAddressing nodeRecord = engine.nodeAddressing("worker-1").orElseThrow();

        IpamEngine restarted = newEngine(cluster);
        Changes out = new Changes();
        restarted.restore(new IpamEngine.RestoredState(Map.of("worker-1", nodeRecord), kafkaPods, Map.of()), out);
        assertThat(out.audits()).extracting(a -> a.action()).doesNotContain("pod.allocated", "address.conflict");
        assertThat(out.publishes()).isEmpty();
        assertThat(out.nodeAnnotations()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(restarted.pod("default", "p" + i).orElseThrow().published())
                    .isEqualTo(kafkaPods.get(restarted.pod("default", "p" + i).orElseThrow().published().key()));
        }
    }

    @Test
    void duplicateAddressesFoundInKubernetesAreReportedNotReassigned() throws Exception {
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        cluster.nodes.get("worker-1").getMetadata().setAnnotations(Map.of(NodeAnnotationCodec.POD_NETWORK_RANGES,
                "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[{\"start\":\"2001:fb8:42::2\",\"end\":\"2001:fb8:42::21\"}]}"));
        Pod a = cluster.addPod("default", "a", "worker-1");
        Pod b = cluster.addPod("default", "b", "worker-1");
        for (Pod p : List.of(a, b)) {
            p.getStatus().setPodIPs(List.of(new PodIPBuilder().withIp("10.2.0.5").build(), new PodIPBuilder().withIp("2001:fb8:42::5").build()));
        }
        Changes out = new Changes();
        engine.restore(IpamEngine.RestoredState.empty(), out);
        assertThat(out.events()).extracting(Changes.ClusterEvent::reason).contains("AddressConflict");
        assertThat(out.audits()).extracting(a2 -> a2.action()).contains("address.conflict");
        assertThat(engine.pod("default", "a")).isPresent();
        assertThat(engine.pod("default", "b")).isEmpty();
        assertThat(out.publishes()).noneMatch(p -> p.key().endsWith(b.getMetadata().getUid()) && p.value() != null);
    }

    @Test
    void addressesOfPodsThatNoLongerExistAreReleasedAfterTheRepairGrace() throws Exception {
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        cluster.nodes.get("worker-1").getMetadata().setAnnotations(Map.of(NodeAnnotationCodec.POD_NETWORK_RANGES,
                "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[{\"start\":\"2001:fb8:42::2\",\"end\":\"2001:fb8:42::21\"}]}"));
        PodAddressing gone = new PodAddressing("uid-gone", "default", "gone", "worker-1",
                List.of(new PodAddress(new inet.ipaddr.IPAddressString("10.2.0.9").getAddress(), 16, new inet.ipaddr.IPAddressString("10.2.0.1").getAddress()),
                        new PodAddress(new inet.ipaddr.IPAddressString("2001:fb8:42::9").getAddress(), 56, new inet.ipaddr.IPAddressString("2001:fb8:42::1").getAddress())),
                null, null, null, null);
        engine.restore(new IpamEngine.RestoredState(Map.of(), Map.of(gone.key(), gone), Map.of()), new Changes());
        assertThat(engine.pod("default", "gone")).isPresent();

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        Changes early = new Changes();
        engine.maintain(early);
        assertThat(early.publishes()).noneMatch(p -> p.key().equals(gone.key()));

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        Changes late = new Changes();
        engine.maintain(late);
        assertThat(late.publishes()).contains(new Changes.Publish(Topic.POD_ADDRESSING, gone.key(), null));
        assertThat(late.audits()).anyMatch(e -> e.action().equals("pod.released") && e.reason().startsWith("repair"));
    }

    @Test
    void aNewLeaderAfterACrashMidStreamPublishesNoDuplicateAndMovesNothing() throws Exception {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        Changes nodeOut = new Changes();
        engine.node("worker-1", nodeOut);
        cluster.nodes.get("worker-1").getMetadata().setAnnotations(new HashMap<>(nodeOut.nodeAnnotations().get(0).annotations()));
        NodeAddressing nodeRecord = engine.nodeAddressing("worker-1").orElseThrow();
        Map<String, PodAddressing> committed = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            Pod pod = cluster.addPod("default", "p" + i, "worker-1");
            Changes out = new Changes();
            engine.pod("default/p" + i, out);
            PodAddressing record = published(out, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class);
            if (i < 4) { // running: the kubelet reported the addresses
                pod.getStatus().setPodIPs(record.addresses().stream().map(a -> new PodIPBuilder().withIp(a.address().toCanonicalString()).build()).toList());
            }
            if (i < 6) { // the leader died before committing the batch of pods 6..9
                committed.put(record.key(), record);
            }
        }

        IpamEngine next = newEngine(cluster);
        Changes out = new Changes();
        next.restore(new IpamEngine.RestoredState(Map.of("worker-1", nodeRecord), committed, Map.of()), out);

        Set<String> seen = new HashSet<>();
        committed.values().forEach(r -> r.addresses().forEach(a -> assertThat(seen.add(a.address().toCanonicalString())).isTrue()));
        for (Changes.Publish p : out.publishes()) {
            if (p.value() instanceof PodAddressing r) {
                if (committed.containsKey(r.key())) {
                    assertThat(r.addresses()).isEqualTo(committed.get(r.key()).addresses());
                } else {
                    r.addresses().forEach(a -> assertThat(seen.add(a.address().toCanonicalString()))
                            .as("address %s handed out twice", a.address()).isTrue());
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            assertThat(next.pod("default", "p" + i)).isPresent();
        }
    }

    @Test
    void aNewLeaderKeepsAChunkCommittedToKafkaWhoseAnnotationWasNeverWritten() throws Exception {
        final int PODS = 40;
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        Changes nodeOut = new Changes();
        engine.node("worker-1", nodeOut);
        String firstChunk = nodeOut.nodeAnnotations().get(0).annotations().get(NodeAnnotationCodec.POD_NETWORK_RANGES);
        cluster.nodes.get("worker-1").getMetadata().setAnnotations(new HashMap<>(nodeOut.nodeAnnotations().get(0).annotations()));
        // a burst of 40 pods on the node in one batch: it takes more chunks and uses them at once
        Map<String, PodAddressing> committed = new HashMap<>();
        Changes batch = new Changes();
        for (int i = 0; i < PODS; i++) {
            Pod pod = cluster.addPod("default", "p" + i, "worker-1");
            engine.pod("default/p" + i, batch);
            committed.put("worker-1/" + pod.getMetadata().getUid(),
                    published(batch, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class));
        }
        assertThat(committed.values()).as("some pod holds an address of a later chunk")
                .anyMatch(r -> !NodeAnnotationCodec.readRanges(firstChunk).v4().get(0).contains(r.addresses().get(0).address()));
        // the batch was committed to Kafka, then the leader died before the annotation write-back
        // (or that write failed and its retry never came): the node still shows only its first chunk
        NodeAddressing nodeRecord = engine.nodeAddressing("worker-1").orElseThrow();
        assertThat(NodeAnnotationCodec.write(nodeRecord.podNetworkRanges())).isNotEqualTo(firstChunk);
        assertThat(cluster.nodes.get("worker-1").getMetadata().getAnnotations().get(NodeAnnotationCodec.POD_NETWORK_RANGES))
                .isEqualTo(firstChunk);

        IpamEngine next = newEngine(cluster);
        Changes out = new Changes();
        next.restore(new IpamEngine.RestoredState(Map.of("worker-1", nodeRecord), committed, Map.of()), out);

        assertThat(out.audits()).extracting(a -> a.action()).doesNotContain("address.conflict");
        assertThat(out.events()).extracting(Changes.ClusterEvent::reason).doesNotContain("AddressConflict");
        for (int i = 0; i < PODS; i++) {
            PodAddressing kept = next.pod("default", "p" + i).orElseThrow(() -> new AssertionError("pod lost its addresses")).published();
            assertThat(kept.addresses()).isEqualTo(committed.get(kept.key()).addresses());
        }
        for (Changes.Publish p : out.publishes()) {
            if (p.topic() == Topic.POD_ADDRESSING) {
                assertThat(p.value()).as("record of %s", p.key()).isNotNull();
                assertThat(((PodAddressing) p.value()).addresses()).isEqualTo(committed.get(p.key()).addresses());
            }
        }
        assertThat(next.nodeAddressing("worker-1").orElseThrow().podNetworkRanges()).isEqualTo(nodeRecord.podNetworkRanges());
        assertThat(out.nodeAnnotations()).as("the lagging annotation is brought up to date")
                .anyMatch(a -> a.node().equals("worker-1") && NodeAnnotationCodec.write(nodeRecord.podNetworkRanges())
                        .equals(a.annotations().get(NodeAnnotationCodec.POD_NETWORK_RANGES)));
    }

    /**
     * A record over the topic's limit would fail the whole transaction (every pod of the batch) and,
     * published again after every restore, keep ipam from ever serving: it is refused instead, once
     * per version, and the rest of the batch goes on.
     */
    @Test
    void aServiceRecordOverTheTopicsLimitIsRefusedOnceAndTheBatchGoesOn() throws Exception {
        engine = newEngine(cluster, new ServiceRecordSize(2048));
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        Service web = cluster.addLoadBalancer("default", "web", "SingleStack", List.of("IPv4"), List.of("10.96.0.40"));
        webSlice(2);
        Changes small = new Changes();
        engine.service("default/web", small);
        assertThat(published(small, Topic.SERVICE_ADDRESSING, "default/web", ServiceAddressing.class).endpoints()).hasSize(2);

        webSlice(60);
        cluster.addPod("default", "web-new", "worker-1");
        Changes out = new Changes();
        engine.pod("default/web-new", out);
        engine.service("default/web", out);
        assertThat(out.publishes()).noneMatch(p -> p.topic() == Topic.SERVICE_ADDRESSING);
        assertThat(out.publishes()).anyMatch(p -> p.topic() == Topic.POD_ADDRESSING);
        assertThat(out.audits()).filteredOn(a -> a.action().equals("service.refused")).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("60 endpoints").contains("over the 2048-byte limit of acicni.service-addressing"));
        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("AddressingTooLarge");
            assertThat(e.uid()).isEqualTo(web.getMetadata().getUid());
        });
        assertThat(engine.serviceAddressing("default/web").orElseThrow().endpoints()).as("what Kafka holds").hasSize(2);

        Changes again = new Changes();
        engine.service("default/web", again);
        assertThat(again.audits()).isEmpty();
        assertThat(again.events()).isEmpty();

        webSlice(3);
        Changes shrunk = new Changes();
        engine.service("default/web", shrunk);
        assertThat(published(shrunk, Topic.SERVICE_ADDRESSING, "default/web", ServiceAddressing.class).endpoints()).hasSize(3);
    }

    @Test
    void onlyARecordThatCouldBeTooLargeIsMeasured() {
        int[] measured = {0};
        ServiceRecordSize size = new ServiceRecordSize(4096) {
            @Override
            int measure(ServiceAddressing record) {
                measured[0]++;
                return super.measure(record);
            }
        };
        // 4 KiB: at most 3 parts of ~1 KiB go unmeasured
        assertThat(size.refusal(withEndpoints(2))).isEmpty();
        assertThat(measured[0]).as("3 parts: the service and two endpoints").isZero();
        assertThat(size.refusal(withEndpoints(3))).isEmpty();
        assertThat(measured[0]).as("4 parts").isEqualTo(1);
        assertThat(size.refusal(withEndpoints(80))).hasValueSatisfying(why -> assertThat(why).contains("80 endpoints"));
        assertThat(ServiceRecordSize.UNITS_MEASURED_ABOVE).isEqualTo(8191);
    }

    private static ServiceAddressing withEndpoints(int n) {
        List<ServiceAddressing.Endpoint> endpoints = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            endpoints.add(new ServiceAddressing.Endpoint(new inet.ipaddr.IPAddressString("10.2.3." + (i + 2)).getAddress(), "worker-1",
                    java.util.UUID.randomUUID().toString(), List.of()));
        }
        return new ServiceAddressing("u", "default", "web", "ClusterIP", null, List.of(), List.of(), List.of(), List.of(), endpoints,
                null, null);
    }

    @Test
    void drainingEndpointsAreMarkedAndNotReadyOnesLeftOutAndDeletingPodsAreTerminating() {
        restoreEmpty();
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());
        cluster.addLoadBalancer("default", "web", "SingleStack", List.of("IPv4"), List.of("10.96.0.40"));
        cluster.slices.add(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder()
                .withNewMetadata().withNamespace("default").withName("web-ipv4").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.2.0.5").withNodeName("worker-1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.2.0.6").withNodeName("worker-1").withNewConditions().withReady(false)
                    .withServing(true).withTerminating(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.2.0.7").withNodeName("worker-1").withNewConditions().withReady(false).endConditions().endEndpoint()
                .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort()
                .build());
        Changes out = new Changes();
        engine.service("default/web", out);
        ServiceAddressing record = published(out, Topic.SERVICE_ADDRESSING, "default/web", ServiceAddressing.class);
        assertThat(record.endpoints()).extracting(e -> e.address().toString() + (e.isTerminating() ? "~" : ""))
                .containsExactly("10.2.0.5", "10.2.0.6~");

        Pod pod = cluster.addPod("default", "going", "worker-1");
        engine.pod("default/going", new Changes());
        pod.getMetadata().setDeletionTimestamp("2026-11-26T07:00:00Z");
        Changes deleting = new Changes();
        engine.pod("default/going", deleting);
        PodAddressing marked = published(deleting, Topic.POD_ADDRESSING, "worker-1/" + pod.getMetadata().getUid(), PodAddressing.class);
        assertThat(marked.isTerminating()).isTrue();
    }
}
