package io.acicni.ipam.it;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.engine.LbCondition;
import io.acicni.ipam.engine.LoadBalancerRequests;
import io.acicni.ipam.engine.NodeAnnotationCodec;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.acicni.testkit.kafka.TopicProbe;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * ipam-service end to end against the fabric8 mock server (CRUD) and the real embedded broker:
 * Kubernetes objects in, annotations, Service status and Kafka records out.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithKubernetesTestServer
class IpamServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    private final TopicProbe probe = new TopicProbe(SharedKafka.get().bootstrapServers());

    @Test
    void nodesAndPodsGetBothFamiliesInPrimaryOrder() {
        createNode("it-node-a", "192.168.51.21", "2600:1d18:f46:9605::21");
        Node annotated = await().atMost(WAIT).until(() -> client.nodes().withName("it-node-a").get(),
                n -> n.getMetadata().getAnnotations() != null
                        && n.getMetadata().getAnnotations().containsKey(NodeAnnotationCodec.POD_NETWORK_RANGES));
        var ranges = NodeAnnotationCodec.readRanges(annotated.getMetadata().getAnnotations().get(NodeAnnotationCodec.POD_NETWORK_RANGES));
        assertThat(ranges.v4()).isNotEmpty();
        assertThat(ranges.v6()).isNotEmpty();
        var endpoint = NodeAnnotationCodec.readServiceEndpoint(annotated.getMetadata().getAnnotations().get(NodeAnnotationCodec.SERVICE_ENDPOINT));
        assertThat(endpoint.ipv4()).isNotNull();
        assertThat(endpoint.ipv6()).isNotNull();
        NodeAddressing nodeRecord = probe.await(Topic.NODE_ADDRESSING, NodeAddressing.class,
                s -> "it-node-a".equals(s.key()) && s.value() != null, WAIT).value();
        assertThat(nodeRecord.podNetworkRanges()).isEqualTo(ranges);

        ensureNamespace("it-apps");
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(client.pods().inNamespace("it-apps").resource(new PodBuilder().withNewMetadata().withName("web-" + i)
                    .withNamespace("it-apps").addToLabels("app", "web").endMetadata()
                    .withNewSpec().withNodeName("it-node-a").addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                    .build()).create());
        }
        Set<String> addresses = new HashSet<>();
        for (Pod pod : pods) {
            String key = "it-node-a/" + pod.getMetadata().getUid();
            var seen = probe.await(Topic.POD_ADDRESSING, PodAddressing.class, s -> key.equals(s.key()) && s.value() != null, WAIT);
            assertThat(seen.partition()).isEqualTo(NodePartitioner.partitionForNode("it-node-a", Topic.POD_ADDRESSING.partitions()));
            assertThat(seen.headers()).containsEntry("ce_type", "io.acicni.pod-addressing.v1").containsEntry("ce_subject", key);
            PodAddressing record = seen.value();
            assertThat(record.addresses()).hasSize(2);
            assertThat(record.addresses().get(0).address().isIPv4()).isTrue();
            assertThat(record.addresses().get(1).address().isIPv6()).isTrue();
            assertThat(ranges.v4().stream().anyMatch(r -> r.contains(record.addresses().get(0).address()))).isTrue();
            assertThat(ranges.v6().stream().anyMatch(r -> r.contains(record.addresses().get(1).address()))).isTrue();
            record.addresses().forEach(a -> assertThat(addresses.add(a.address().toCanonicalString())).isTrue());
        }

        given().get("/ipam/pods/it-apps/web-0").then().statusCode(200)
                .body("node", equalTo("it-node-a")).body("addresses.size()", equalTo(2));
        given().get("/ipam/nodes/it-node-a").then().statusCode(200).body("pods", equalTo(3));
        given().get("/ipam/pods/it-apps/nope").then().statusCode(404).body("error", equalTo("not known to ipam"));
        given().get("/ipam/pools").then().statusCode(200).body("pool", hasItem("pod"));

        // delete one pod: a tombstone follows
        Pod gone = pods.get(0);
        client.pods().inNamespace("it-apps").withName("web-0").delete();
        String goneKey = "it-node-a/" + gone.getMetadata().getUid();
        probe.await(Topic.POD_ADDRESSING, PodAddressing.class, s -> goneKey.equals(s.key()) && s.value() == null, WAIT);
    }

    @Test
    void loadBalancersFollowTheirFamilyPolicyAndRequests() {
        ensureNamespace("it-lb");
        Service dual = createLb("dual", "PreferDualStack", List.of("IPv4", "IPv6"), List.of("10.96.1.1", "fd00:96::1:1"), null);
        Service v6 = createLb("v6only", "SingleStack", List.of("IPv6"), List.of("fd00:96::1:2"), null);
        Service strict = createLb("strict", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("10.96.1.3", "fd00:96::1:3"), "10.4.0.61");
        Service wanted = createLb("wanted", "SingleStack", List.of("IPv4"), List.of("10.96.1.4"), "10.4.0.60");

        assertThat(ingressOf(dual)).hasSize(2);
        assertThat(ingressOf(dual).get(0)).startsWith("10.3.0.");
        assertThat(ingressOf(dual).get(1)).startsWith("2001:4fb8:43:");
        assertThat(condition(dual).getStatus()).isEqualTo("True");
        assertThat(ingressOf(v6)).hasSize(1).allMatch(ip -> ip.contains(":"));
        assertThat(ingressOf(wanted)).containsExactly("10.4.0.60");

        Condition strictCondition = awaitCondition(strict);
        assertThat(strictCondition.getStatus()).isEqualTo("False");
        assertThat(strictCondition.getReason()).isEqualTo(LbCondition.DUAL_STACK_NOT_SATISFIED);

        Service taken = createLb("taken", "SingleStack", List.of("IPv4"), List.of("10.96.1.5"), "10.4.0.60");
        Condition takenCondition = awaitCondition(taken);
        assertThat(takenCondition.getReason()).isEqualTo(LbCondition.REQUESTED_NOT_ALLOCATABLE);
        assertThat(takenCondition.getMessage()).isEqualTo(LbCondition.REQUESTED_NOT_ALLOCATABLE_MESSAGE);

        Service invalid = createLb("invalid", "SingleStack", List.of("IPv4"), List.of("10.96.1.6"), "10.4.0.1,10.4.0.2");
        assertThat(awaitCondition(invalid).getReason()).isEqualTo(LbCondition.INVALID_ANNOTATION);

        given().get("/ipam/services/it-lb/dual").then().statusCode(200)
                .body("loadBalancerIPs.size()", equalTo(2)).body("condition.reason", equalTo("Success"));
    }

    @Test
    void otherConditionsOfAServiceSurviveOurUpdates() {
        ensureNamespace("it-cond");
        Service svc = client.services().inNamespace("it-cond").resource(lb("it-cond", "kept", "SingleStack", List.of("IPv4"),
                List.of("10.96.2.1"), null)).create();
        client.services().inNamespace("it-cond").withName("kept").editStatus(s -> {
            s.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder()
                    .withConditions(new ConditionBuilder().withType("ExampleVendorReady").withStatus("True").withReason("Fine")
                            .withMessage("set by someone else").withLastTransitionTime("2026-11-26T00:00:00Z").build())
                    .build());
            return s;
        });
        Service done = await().atMost(WAIT).until(() -> client.services().inNamespace("it-cond").withName("kept").get(),
                s -> s.getStatus() != null && s.getStatus().getConditions() != null
                        && s.getStatus().getConditions().stream().anyMatch(c -> LbCondition.TYPE.equals(c.getType())));
        assertThat(done.getStatus().getConditions()).extracting(Condition::getType).contains("ExampleVendorReady", LbCondition.TYPE);
        assertThat(svc.getMetadata().getUid()).isNotNull();
    }

    @Test
    void aDeletedNodeReturnsItsRanges() {
        createNode("it-node-gone", "192.168.51.29", "2600:1d18:f46:9605::29");
        probe.await(Topic.NODE_ADDRESSING, NodeAddressing.class, s -> "it-node-gone".equals(s.key()) && s.value() != null, WAIT);
        client.nodes().withName("it-node-gone").delete();
        probe.await(Topic.NODE_ADDRESSING, NodeAddressing.class, s -> "it-node-gone".equals(s.key()) && s.value() == null, WAIT);
        given().get("/ipam/nodes/it-node-gone").then().statusCode(404);
    }

    /**
     * ipam's client reads Nodes through its informer read model (no images, conditions, taints); its
     * annotation write (a JSON merge patch of its two keys) must still leave all of that, and every
     * other annotation, on the server. Written and read here with a
     * client of fabric8's whole model.
     */
    @Test
    void annotatingANodeKeepsWhatTheReadModelDoesNotHold() {
        try (KubernetesClient whole = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build()) {
            whole.nodes().resource(new NodeBuilder().withNewMetadata().withName("it-node-rich")
                    .addToAnnotations("example.com/owner", "team-edge").endMetadata()
                    .withNewSpec().addNewTaint().withKey("dedicated").withValue("edge").withEffect("NoSchedule").endTaint().endSpec()
                    .withNewStatus().addNewAddress().withType("InternalIP").withAddress("192.168.51.29").endAddress()
                    .addNewAddress().withType("InternalIP").withAddress("2600:1d18:f46:9605::29").endAddress()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .addNewImage().withNames("registry.example.com/web:1").withSizeBytes(1000L).endImage()
                    .addToCapacity("cpu", new Quantity("2")).endStatus().build()).create();

            Node annotated = await().atMost(WAIT).until(() -> whole.nodes().withName("it-node-rich").get(),
                    n -> n.getMetadata().getAnnotations() != null
                            && n.getMetadata().getAnnotations().containsKey(NodeAnnotationCodec.SERVICE_ENDPOINT));
            assertThat(annotated.getMetadata().getAnnotations()).containsEntry("example.com/owner", "team-edge")
                    .containsKey(NodeAnnotationCodec.POD_NETWORK_RANGES);
            assertThat(annotated.getSpec().getTaints()).extracting(t -> t.getKey()).containsExactly("dedicated");
            assertThat(annotated.getStatus().getConditions()).extracting(c -> c.getType()).containsExactly("Ready");
            assertThat(annotated.getStatus().getImages()).hasSize(1);
            assertThat(annotated.getStatus().getCapacity()).containsKey("cpu");
            assertThat(annotated.getStatus().getAddresses()).hasSize(2);
        }
        // and the injected client (ipam's own) does hold the read model
        assertThat(client.nodes().withName("it-node-rich").get().getStatus().getImages()).isEmpty();
    }

    private void createNode(String name, String v4, String v6) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(v4).endAddress()
                .addNewAddress().withType("InternalIP").withAddress(v6).endAddress().endStatus().build()).create();
    }

    private void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    private Service createLb(String name, String policy, List<String> families, List<String> clusterIPs, String requested) {
        return client.services().inNamespace("it-lb").resource(lb("it-lb", name, policy, families, clusterIPs, requested)).create();
    }

    private static Service lb(String ns, String name, String policy, List<String> families, List<String> clusterIPs, String requested) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType("LoadBalancer").withIpFamilyPolicy(policy).withIpFamilies(families)
                .withClusterIP(clusterIPs.get(0)).withClusterIPs(clusterIPs)
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort().endSpec();
        if (requested != null) {
            b.editMetadata().withAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, requested)).endMetadata();
        }
        return b.build();
    }

    private List<String> ingressOf(Service svc) {
        Service s = await().atMost(WAIT).until(() -> client.services().inNamespace(svc.getMetadata().getNamespace())
                        .withName(svc.getMetadata().getName()).get(),
                x -> x.getStatus() != null && x.getStatus().getLoadBalancer() != null
                        && x.getStatus().getLoadBalancer().getIngress() != null && !x.getStatus().getLoadBalancer().getIngress().isEmpty());
        return s.getStatus().getLoadBalancer().getIngress().stream().map(i -> i.getIp()).toList();
    }

    private Condition condition(Service svc) {
        return awaitCondition(svc);
    }

    private Condition awaitCondition(Service svc) {
        Service s = await().atMost(WAIT).until(() -> client.services().inNamespace(svc.getMetadata().getNamespace())
                        .withName(svc.getMetadata().getName()).get(),
                x -> x.getStatus() != null && x.getStatus().getConditions() != null
                        && x.getStatus().getConditions().stream().anyMatch(c -> LbCondition.TYPE.equals(c.getType())));
        return s.getStatus().getConditions().stream().filter(c -> LbCondition.TYPE.equals(c.getType())).findFirst().orElseThrow();
    }
}
