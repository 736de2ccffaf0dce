package io.acicni.apicsync.it;

import inet.ipaddr.IPAddressString;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.acicni.testkit.kafka.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** apic-sync-service end to end: addressing records on the real broker in, APIC objects in the emulator out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ApicEmulatorResource.class)
@WithKubernetesTestServer
class ApicSyncIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void bothSubnetsPerBridgeDomainAndLoadBalancerHostRoutesFollowTheTopics() {
        var apic = ApicEmulatorResource.apic();
        await().atMost(WAIT).until(() -> apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[10.2.0.1/24]")
                && apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]")
                && apic.exists("uni/tn-kube/BD-kube-node-bd/subnet-[2:2:1:1::1/64]")
                && apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy"));

        send(Topic.NODE_ADDRESSING, "it-worker", new NodeAddressing("it-worker", NodeAddressing.PodNetworkRanges.empty(),
                new NodeServiceEndpoint("0a:58:0a:05:00:07", ip("10.5.0.7"), ip("fd00:5::7")), List.of()));
        send(Topic.SERVICE_ADDRESSING, "shop/front", new ServiceAddressing("uid-front", "shop", "front", "LoadBalancer",
                "RequireDualStack", List.of(IpFamily.IPv4, IpFamily.IPv6), List.of(ip("10.96.3.1"), ip("fd00:96::3:1")),
                List.of(ip("10.3.0.9"), ip("2001:4fb8:43::9")), List.of(), List.of(), null, null));
        String epg = "uni/tn-common/out-l3out/instP-kube_svc_shop_front";
        await().atMost(WAIT).until(() -> apic.exists(epg + "/extsubnet-[10.3.0.9/32]") && apic.exists(epg + "/extsubnet-[2001:4fb8:43::9/128]")
                && apic.exists("uni/tn-kube/svcCont/svcRedirectPol-kube_svc_global/RedirectDest_ip-[fd00:5::7]"));

        send(Topic.SERVICE_ADDRESSING, "shop/front", null);
        await().atMost(WAIT).until(() -> !apic.exists(epg));

        List<TopicProbe.Seen<AuditEvent>> audits = new TopicProbe(SharedKafka.get().bootstrapServers()).readAll(Topic.AUDIT, AuditEvent.class);
        assertThat(audits).anyMatch(a -> a.value().action().equals("apic.post") && a.value().subject().startsWith("apic/uni/tn-common/out-l3out"));
        String instance = java.util.Optional.ofNullable(System.getenv("HOSTNAME")).orElse("local");
        assertThat(audits).allSatisfy(a -> assertThat(a.value().actor()).isEqualTo("apic-sync-service/" + instance));
        assertThat(audits).anyMatch(a -> a.value().action().equals("apic.delete") && a.value().subject().equals("apic/" + epg));

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // the catch-up gate's interceptor is on the channel's consumer (else nothing would ever be handed out)
        assertThat(java.util.stream.IntStream.range(0, Topic.SERVICE_ADDRESSING.partitions())
                .mapToObj(p -> io.acicni.apicsync.messaging.HandedOutOffsets.next(
                        new org.apache.kafka.common.TopicPartition(Topic.SERVICE_ADDRESSING.topicName(), p))))
                .anyMatch(java.util.Objects::nonNull);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("acicni_apic_objects{class=\"fvSubnet\",state=\"in_sync\"}"))
                .body(org.hamcrest.Matchers.containsString("acicni_apic_requests_total{method=\"POST\""));
    }

    @Test
    void anApicOutageMakesReadinessDownWithTheReasonAndTheNextPassConverges() {
        var apic = ApicEmulatorResource.apic();
        await().atMost(WAIT).until(() -> apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy"));
        apic.faults().goDown();
        try {
            send(Topic.SERVICE_ADDRESSING, "shop/outage", lb("outage", "10.3.0.11"));
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'apic-sync' }.data.reason", org.hamcrest.Matchers.containsString("APIC reconcile failed")));
        } finally {
            apic.faults().comeBack();
        }
        await().atMost(WAIT).until(() -> apic.exists("uni/tn-common/out-l3out/instP-kube_svc_shop_outage/extsubnet-[10.3.0.11/32]"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    /**
     * A pass that fails part-way has made some writes; the next pass finds them in sync. They are
     * audited from the failed pass, or never.
     */
    @Test
    void theWritesOfAPassThatFailsPartWayAreAudited() {
        var apic = ApicEmulatorResource.apic();
        await().atMost(WAIT).until(() -> apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy"));
        // two subtrees, so two POSTs in DN order: the service's external EPG (tn-common) is made, the
        // node's redirect destination (tn-kube) is refused
        String first = "uni/tn-common/out-l3out/instP-kube_svc_shop_partial";
        String second = "uni/tn-kube/svcCont/svcRedirectPol-kube_svc_global/RedirectDest_ip-[fd00:5::8]";
        apic.faults().goDown();
        try {
            // both in the same pass: it can only run when the APIC is back
            send(Topic.SERVICE_ADDRESSING, "shop/partial", lb("partial", "10.3.0.21"));
            send(Topic.NODE_ADDRESSING, "it-partial", new NodeAddressing("it-partial", NodeAddressing.PodNetworkRanges.empty(),
                    new NodeServiceEndpoint("0a:58:0a:05:00:08", ip("10.5.0.8"), ip("fd00:5::8")), List.of()));
            apic.faults().rejectWritesUnder("uni/tn-kube/svcCont", "182", "refused for the test");
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        } finally {
            apic.faults().comeBack();
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'apic-sync' }.data.reason", org.hamcrest.Matchers.containsString("refused for the test")));
        assertThat(apic.exists(first)).isTrue();
        assertThat(apic.exists(second)).isFalse();
        apic.faults().clear();
        await().atMost(WAIT).until(() -> apic.exists(second));

        List<TopicProbe.Seen<AuditEvent>> audits = new TopicProbe(SharedKafka.get().bootstrapServers()).readAll(Topic.AUDIT, AuditEvent.class);
        assertThat(audits).as("the write made by the failed pass").anyMatch(a -> a.value().action().equals("apic.post")
                && a.value().subject().startsWith("apic/" + first));
        assertThat(audits).anyMatch(a -> a.value().action().equals("apic.post") && a.value().subject().startsWith("apic/uni/tn-kube/svcCont"));
        send(Topic.NODE_ADDRESSING, "it-partial", null);
        send(Topic.SERVICE_ADDRESSING, "shop/partial", null);
    }

    private static ServiceAddressing lb(String name, String ip) {
        return new ServiceAddressing("uid-" + name, "shop", name, "LoadBalancer", "SingleStack", List.of(IpFamily.IPv4),
                List.of(ip("10.96.3.9")), List.of(ip(ip)), List.of(), List.of(), null, null);
    }

    private static void send(Topic topic, String key, VersionedEvent value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.topicName(), key, EventSerde.get().serialize(value))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static inet.ipaddr.IPAddress ip(String s) {
        return new IPAddressString(s).getAddress();
    }
}
