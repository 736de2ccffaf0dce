package io.acicni.epwriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ip;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.serviceEndpoint;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * ep-writer against the real embedded broker, two simulated nodes (it-node-a, it-node-b) in one
 * process. it-node-b's endpoint directory is used by the convergence test only.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class EpWriterIT {
    static final String A = "it-node-a";
    static final String B = "it-node-b";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper MAPPER = new ObjectMapper();
    static KafkaProducer<String, byte[]> producer;

    @Inject
    EpWriterRuntime runtime;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void onlyServedNodesFilesAppearWithTheExpectedDocument() throws Exception {
        String uid = UUID.randomUUID().toString();
        String otherUid = UUID.randomUUID().toString();
        String other = nodeSharingPartitionWith(A);
        PodAddressing pod = new PodAddressing(uid, "default", "web-1", A, List.of(v4("10.2.1.5"), v6("2001:fb8:42::1:5")),
                null, null, null, Map.of("app", "web", "tier", "front"));
        publish(Topic.POD_ADDRESSING, pod.key(), pod);
        PodAddressing foreign = new PodAddressing(otherUid, "default", "web-2", other, List.of(v4("10.2.1.6")), null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, foreign.key(), foreign);

        Sandbox sandbox = Sandbox.synthesizedFor(uid);
        Path file = epDir(A).resolve(sandbox.fileName());
        await().atMost(WAIT).until(() -> Files.exists(file));
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "uuid": "%s",
                  "eg-policy-space": "kube",
                  "endpoint-group-name": "aci-containers-kube|aci-containers-default",
                  "security-group": [
                    {
                      "policy-space": "kube",
                      "name": "kube_np_static-discovery"
                    }
                  ],
                  "qos-policy": {},
                  "ip": [
                    "10.2.1.5",
                    "2001:fb8:42::1:5"
                  ],
                  "mac": "0a:58:0a:02:01:05",
                  "access-interface": "%s",
                  "access-uplink-interface": "pa-%s",
                  "interface-name": "pi-%s",
                  "attributes": {
                    "app": "web",
                    "interface-name": "%s",
                    "namespace": "default",
                    "tier": "front",
                    "vm-name": "web-1"
                  }
                }""".formatted(sandbox.uuid(), sandbox.veth(), sandbox.veth(), sandbox.veth(), sandbox.veth()));
        // the foreign pod shares the partition but is another node's: no file on any served node
        Thread.sleep(500);
        for (String node : List.of(A, B)) {
            assertThat(names(epDir(node))).noneMatch(n -> n.startsWith(otherUid));
        }
        assertThat(names(epDir(B))).noneMatch(n -> n.startsWith(uid));

        publish(Topic.POD_ADDRESSING, pod.key(), null);
        await().atMost(WAIT).until(() -> !Files.exists(file));
        assertAudit("file/" + A + "/" + sandbox.fileName(), "file.removed");
        assertAudit("file/" + A + "/" + sandbox.fileName(), "file.created");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("acicni_epwriter_records_total{outcome=\"other-node\",topic=\"acicni.pod-addressing\"}"))
                .body(containsString("acicni_epwriter_writes_total{action=\"created\",kind=\"ep\"}"))
                .body(containsString("acicni_epwriter_writes_total{action=\"removed\",kind=\"ep\"}"))
                .body(containsString("acicni_epwriter_files{kind=\"ep\",node=\"it-node-a\"}"));
    }

    @Test
    void servicesGiveTheRightServiceFilesAndServiceIps() throws Exception {
        String podUid = UUID.randomUUID().toString();
        PodAddressing pod = new PodAddressing(podUid, "default", "backend", A, List.of(v6("2001:fb8:42::2:7"), v4("10.2.2.7")),
                null, null, null, Map.of());
        publish(Topic.NODE_ADDRESSING, A, new NodeAddressing(A, NodeAddressing.PodNetworkRanges.empty(),
                serviceEndpoint("10.5.0.2", "fd00:5::2"), ips("192.168.1.10", "fd00:1::10")));
        publish(Topic.NODE_ADDRESSING, B, new NodeAddressing(B, NodeAddressing.PodNetworkRanges.empty(),
                serviceEndpoint(null, "fd00:5::3"), ips("fd00:1::11")));
        publish(Topic.POD_ADDRESSING, pod.key(), pod);
        List<ServiceAddressing.Endpoint> endpoints = List.of(endpoint("10.2.2.7", A, podUid), endpoint("2001:fb8:42::2:7", A, podUid),
                endpoint("10.2.9.9", "elsewhere", null), endpoint("2001:fb8:42::9:9", "elsewhere", null));
        String dual = UUID.randomUUID().toString();
        String v6only = UUID.randomUUID().toString();
        String lb = UUID.randomUUID().toString();
        publish(Topic.SERVICE_ADDRESSING, "default/dual", service(dual, "dual", "ClusterIP", ips("2001:1db8:42::10", "10.6.0.10"), List.of(), endpoints));
        publish(Topic.SERVICE_ADDRESSING, "default/v6only", service(v6only, "v6only", "ClusterIP", ips("2001:1db8:42::11"), List.of(), endpoints));
        publish(Topic.SERVICE_ADDRESSING, "default/lb", service(lb, "lb", "LoadBalancer", ips("10.6.0.12", "2001:1db8:42::12"),
                ips("10.3.0.2", "2001:4fb8:43::2"), endpoints));

        await().atMost(WAIT).untilAsserted(() -> assertThat(names(svcDir(A))).contains(dual + ".service", v6only + ".service",
                lb + ".service", lb + "-external.service"));
        JsonNode dualDoc = json(svcDir(A).resolve(dual + ".service"));
        assertThat(dualDoc.get("service-mapping")).hasSize(2);
        assertThat(dualDoc.at("/service-mapping/0/service-ip").asText()).isEqualTo("2001:1db8:42::10");
        assertThat(dualDoc.at("/service-mapping/0/next-hop-ips").toString()).isEqualTo("[\"2001:fb8:42::2:7\",\"2001:fb8:42::9:9\"]");
        assertThat(dualDoc.at("/service-mapping/1/service-ip").asText()).isEqualTo("10.6.0.10");
        assertThat(dualDoc.at("/service-mapping/1/next-hop-ips").toString()).isEqualTo("[\"10.2.2.7\",\"10.2.9.9\"]");
        JsonNode v6Doc = json(svcDir(A).resolve(v6only + ".service"));
        assertThat(v6Doc.get("service-mapping")).hasSize(1);
        assertThat(v6Doc.at("/service-mapping/0/service-ip").asText()).isEqualTo("2001:1db8:42::11");
        JsonNode ext = json(svcDir(A).resolve(lb + "-external.service"));
        assertThat(ext.get("interface-ip").asText()).isEqualTo("10.5.0.2");
        assertThat(ext.at("/service-mapping/0/service-ip").asText()).isEqualTo("10.3.0.2");
        assertThat(ext.at("/service-mapping/0/next-hop-ips").toString()).isEqualTo("[\"10.2.2.7\"]");
        assertThat(ext.at("/service-mapping/1/service-ip").asText()).isEqualTo("2001:4fb8:43::2");
        // node B has no local endpoint: internal files only
        await().atMost(WAIT).untilAsserted(() -> assertThat(names(svcDir(B))).contains(lb + ".service").doesNotContain(lb + "-external.service"));

        Path epFile = epDir(A).resolve(Sandbox.synthesizedFor(podUid).fileName());
        await().atMost(WAIT).untilAsserted(() -> assertThat(json(epFile).get("service-ip").toString()).isEqualTo(
                "[\"2001:1db8:42::10\",\"10.6.0.10\",\"10.6.0.12\",\"2001:1db8:42::12\",\"2001:1db8:42::11\"]"));
        assertThat(json(epFile).get("ip").toString()).isEqualTo("[\"2001:fb8:42::2:7\",\"10.2.2.7\"]");

        for (String key : List.of("default/dual", "default/v6only", "default/lb")) {
            publish(Topic.SERVICE_ADDRESSING, key, null);
        }
        publish(Topic.POD_ADDRESSING, pod.key(), null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(names(svcDir(A))).doesNotContain(dual + ".service", lb + "-external.service"));
        await().atMost(WAIT).until(() -> !Files.exists(epFile));
    }

    @Test
    void directoryConvergesExactlyFromStaleAndMissingFiles() throws Exception {
        String uid1 = UUID.randomUUID().toString();
        String uid2 = UUID.randomUUID().toString();
        publish(Topic.POD_ADDRESSING, B + "/" + uid1, new PodAddressing(uid1, "conv", "p1", B, List.of(v4("10.2.3.1"), v6("2001:fb8:42::3:1")), null, null, null, Map.of()));
        publish(Topic.POD_ADDRESSING, B + "/" + uid2, new PodAddressing(uid2, "conv", "p2", B, List.of(v4("10.2.3.2"), v6("2001:fb8:42::3:2")), null, null, null, Map.of()));
        String f1 = Sandbox.synthesizedFor(uid1).fileName();
        String f2 = Sandbox.synthesizedFor(uid2).fileName();
        Path dir = epDir(B);
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve(f1)) && Files.exists(dir.resolve(f2)));
        String good1 = Files.readString(dir.resolve(f1));
        String good2 = Files.readString(dir.resolve(f2));

        Files.delete(dir.resolve(f1));                                       // missing
        Files.writeString(dir.resolve(f2), "{\"uuid\": \"trunc");             // damaged
        Files.writeString(dir.resolve("deadbeef-0000_c0ffee_vethdead.ep"), "{}"); // stale pod
        Files.writeString(dir.resolve("veth_host_ac.ep"), "{\"host\": true}");   // not ours
        Files.writeString(svcDir(B).resolve("0000-stale.service"), "{}");
        Files.writeString(svcDir(B).resolve("0000-legacy.as"), "{}");

        runtime.syncNow(B);

        assertThat(names(dir)).containsExactlyInAnyOrder(f1, f2, "veth_host_ac.ep");
        assertThat(Files.readString(dir.resolve(f1))).isEqualTo(good1);
        assertThat(Files.readString(dir.resolve(f2))).isEqualTo(good2);
        assertThat(names(svcDir(B))).doesNotContain("0000-stale.service", "0000-legacy.as");

        publish(Topic.POD_ADDRESSING, B + "/" + uid1, null);
        publish(Topic.POD_ADDRESSING, B + "/" + uid2, null);
        await().atMost(WAIT).until(() -> names(dir).equals(List.of("veth_host_ac.ep")));
        Files.delete(dir.resolve("veth_host_ac.ep"));
    }

    /**
     * ipam publishes each batch in one Kafka transaction and, when a transaction fails (a deposed
     * leader fenced, a broker error), rebuilds its state from Kafka and may give the same addresses to
     * other pods. A record of an aborted transaction must therefore never become a file: read
     * uncommitted, it would, and two endpoints on the fabric would hold one address.
     */
    @Test
    void recordsOfAnAbortedTransactionNeverBecomeFiles() throws Exception {
        String aborted = UUID.randomUUID().toString();
        String committed = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> tx = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.get().bootstrapServers(), ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-aborting-" + aborted), new StringSerializer(), new ByteArraySerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            PodAddressing lost = new PodAddressing(aborted, "default", "lost-1", A, List.of(v4("10.2.7.1"), v6("2001:fb8:42::7:1")),
                    null, null, null, Map.of());
            tx.send(record(Topic.POD_ADDRESSING, lost.key(), lost)).get();
            tx.abortTransaction();
            tx.beginTransaction();
            PodAddressing kept = new PodAddressing(committed, "default", "kept-1", A, List.of(v4("10.2.7.2"), v6("2001:fb8:42::7:2")),
                    null, null, null, Map.of());
            tx.send(record(Topic.POD_ADDRESSING, kept.key(), kept)).get();
            tx.commitTransaction();
        }
        // both records are in A's partition, the aborted one first: once the committed one's file is
        // there, the feed has read past the aborted one
        Path keptFile = epDir(A).resolve(Sandbox.synthesizedFor(committed).fileName());
        await().atMost(WAIT).until(() -> Files.exists(keptFile));
        assertThat(names(epDir(A))).noneMatch(n -> n.startsWith(aborted));

        publish(Topic.POD_ADDRESSING, new PodAddressing(committed, "default", "kept-1", A, List.of(v4("10.2.7.2")),
                null, null, null, Map.of()).key(), null);
        await().atMost(WAIT).until(() -> !Files.exists(keptFile));
    }

    @Test
    void badRecordsGoToTheDlqAndTheFeedGoesOn() throws Exception {
        String uid = UUID.randomUUID().toString();
        String badKey = A + "/" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topic.POD_ADDRESSING.topicName(), badKey, "{\"schemaVersion\":1,\"uid\":".getBytes(StandardCharsets.UTF_8))).get();
        PodAddressing good = new PodAddressing(uid, "default", "after-bad", A, List.of(v4("10.2.4.1")), null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, good.key(), good);
        Path file = epDir(A).resolve(Sandbox.synthesizedFor(uid).fileName());
        await().atMost(WAIT).until(() -> Files.exists(file));

        ConsumerRecord<String, byte[]> dead = find(Topic.DLQ.topicName(), r -> badKey.equals(r.key()));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"uid\":");
        assertThat(header(dead, "dead-letter-reason")).contains("field '$'").contains("is not valid JSON");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topic.POD_ADDRESSING.topicName());
        publish(Topic.POD_ADDRESSING, good.key(), null);
        await().atMost(WAIT).until(() -> !Files.exists(file));
    }

    @Test
    void cniAddWaitsForAddressesAndAnswersACni10Result() throws Exception {
        String uid = UUID.randomUUID().toString();
        String token = runtime.cniToken(A);
        String body = """
                {"cniVersion":"1.0.0","command":"%s","containerId":"%s","netns":"/var/run/netns/cni-1","ifName":"eth0",
                 "podNamespace":"default","podName":"cni-pod","podUid":"%s","hostVeth":"vethcni0001"}""";
        String containerId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        CompletableFuture<io.restassured.response.Response> add = CompletableFuture.supplyAsync(() ->
                given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                        .body(body.formatted("ADD", containerId, uid)).post("/cni/" + A));
        Thread.sleep(500); // the sandbox registers before its addresses exist
        PodAddressing pod = new PodAddressing(uid, "default", "cni-pod", A, List.of(v4("10.2.5.9"), v6("2001:fb8:42::5:9")), null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, pod.key(), pod);

        io.restassured.response.Response result = add.get();
        assertThat(result.statusCode()).as(result.asString()).isEqualTo(200);
        JsonNode cni = MAPPER.readTree(result.asString());
        assertThat(cni.get("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(cni.get("interfaces")).hasSize(1);
        assertThat(cni.at("/interfaces/0/mac").asText()).isEqualTo("0a:58:0a:02:05:09");
        assertThat(cni.get("ips").toString()).isEqualTo("[{\"address\":\"10.2.5.9/16\",\"gateway\":\"10.2.0.1\",\"interface\":0},"
                + "{\"address\":\"2001:fb8:42::5:9/56\",\"gateway\":\"2001:fb8:42::1\",\"interface\":0}]");
        assertThat(cni.get("routes").toString()).isEqualTo("[{\"dst\":\"0.0.0.0/0\",\"gw\":\"10.2.0.1\"},{\"dst\":\"::/0\",\"gw\":\"2001:fb8:42::1\"}]");
        String fileName = uid + "_" + containerId + "_vethcni0001.ep";
        assertThat(epDir(A).resolve(fileName)).exists();
        assertThat(epDir(A).resolve(Sandbox.synthesizedFor(uid).fileName())).doesNotExist();

        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(body.formatted("CHECK", containerId, uid)).post("/cni/" + A).then().statusCode(200);
        for (int i = 0; i < 2; i++) { // DEL is idempotent
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                    .body(body.formatted("DEL", containerId, uid)).post("/cni/" + A).then().statusCode(200);
        }
        assertThat(epDir(A).resolve(fileName)).doesNotExist();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(body.formatted("CHECK", containerId, uid)).post("/cni/" + A).then().statusCode(404).body("code", equalTo(3));
        publish(Topic.POD_ADDRESSING, pod.key(), null);
    }

    @Test
    void cniRefusesTraversalWrongTokensAndTimesOut() throws Exception {
        String token = runtime.cniToken(A);
        String template = """
                {"cniVersion":"1.0.0","command":"ADD","containerId":"%s","ifName":"eth0","podNamespace":"default","podName":"evil","podUid":"%s","hostVeth":%s}""";
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("abc", "../../etc", "null")).post("/cni/" + A)
                .then().statusCode(400).body("code", equalTo(4)).body("msg", containsString("field 'podUid'"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("abc", "uid-x", "\"veth/../../x\"")).post("/cni/" + A)
                .then().statusCode(400).body("msg", containsString("field 'veth'"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("abc\\u0000def", "uid-x", "null")).post("/cni/" + A)
                .then().statusCode(400).body("msg", containsString("NUL"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("a".repeat(200), "uid-x", "null")).post("/cni/" + A)
                .then().statusCode(400).body("msg", containsString("1-128"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong")
                .body(template.formatted("abc", "uid-x", "null")).post("/cni/" + A).then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("abc", "uid-x", "null")).post("/cni/not-served").then().statusCode(404);
        assertThat(Files.exists(epDir(A).getParent().getParent().resolve("etc"))).isFalse();
        assertAudit("file/" + A + "/cni/default/evil", "file.refused");

        String unknown = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("feedface", unknown, "null")).post("/cni/" + A)
                .then().statusCode(503).body("code", equalTo(11)).body("msg", containsString("within 3s"));
        // the sandbox stays registered: its file appears as soon as the addresses do, without another ADD
        PodAddressing late = new PodAddressing(unknown, "default", "evil", A, List.of(v4("10.2.8.1"), v6("2001:fb8:42::8:1")), null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, late.key(), late);
        Path lateFile = epDir(A).resolve(unknown + "_feedface_" + Sandbox.vethFor("feedface") + ".ep");
        await().atMost(WAIT).until(() -> Files.exists(lateFile));
        assertThat(json(lateFile).get("ip").toString()).isEqualTo("[\"10.2.8.1\",\"2001:fb8:42::8:1\"]");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(template.formatted("feedface", unknown, "null").replace("\"ADD\"", "\"DEL\"")).post("/cni/" + A).then().statusCode(200);
        assertThat(lateFile).doesNotExist();
        publish(Topic.POD_ADDRESSING, late.key(), null);
    }

    @Test
    void unsafePodUidFromKafkaIsRefusedWithAnAuditEvent() throws Exception {
        PodAddressing evil = new PodAddressing("..", "default", "dotdot", A, List.of(v4("10.2.6.1")), null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, A + "/..", evil);
        assertAudit("file/" + A + "/pod/default/dotdot", "file.refused");
        publish(Topic.POD_ADDRESSING, A + "/..", null);
    }

    @Test
    void diagnosticsReportNodeChecksAndCounts() {
        await().atMost(WAIT).until(runtime::writing);
        given().get("/diagnostics").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("writing", equalTo(true))
                .body("checks.findAll { it.ok == false }", hasSize(0))
                .body("counts.'it-node-a.pods-lacking-a-family'", notNullValue())
                .body("lag.'acicni.pod-addressing'", notNullValue());
    }

    @Test
    void nodeFilesAreReadableOverHttpByPrefix() throws Exception {
        String uid = UUID.randomUUID().toString();
        PodAddressing pod = new PodAddressing(uid, "default", "files-1", A, List.of(v4("10.2.7.1"), v6("2001:fb8:42::7:1")),
                null, null, null, Map.of());
        publish(Topic.POD_ADDRESSING, pod.key(), pod);
        String name = Sandbox.synthesizedFor(uid).fileName();
        await().atMost(WAIT).until(() -> Files.exists(epDir(A).resolve(name)));
        given().get("/diagnostics/" + A + "/files?prefix=" + uid).then().statusCode(200)
                .body("node", equalTo(A))
                .body("files", hasSize(1))
                .body("files[0].kind", equalTo("ep"))
                .body("files[0].name", equalTo(name))
                .body("files[0].content.ip", org.hamcrest.Matchers.contains("10.2.7.1", "2001:fb8:42::7:1"));
        given().get("/diagnostics/no-such-node/files?prefix=" + uid).then().statusCode(404)
                .body("error", containsString("not served here"));
        given().get("/diagnostics/" + A + "/files?prefix=..%2Fetc").then().statusCode(400);
        publish(Topic.POD_ADDRESSING, pod.key(), null);
    }

    // --- helpers ---------------------------------------------------------------------------------

    static void publish(Topic topic, String key, VersionedEvent value) throws Exception {
        producer.send(record(topic, key, value)).get();
    }

    static ProducerRecord<String, byte[]> record(Topic topic, String key, VersionedEvent value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), key, EventSerde.get().serialize(value));
        CloudEventHeaders.create(topic, 1, "/test", key, Instant.now()).forEach(h -> record.headers().add(h));
        return record;
    }

    static String nodeSharingPartitionWith(String node) {
        int partitions = Topic.POD_ADDRESSING.partitions();
        int target = NodePartitioner.partitionForNode(node, partitions);
        for (int i = 0; ; i++) {
            String candidate = "other-node-" + i;
            if (NodePartitioner.partitionForNode(candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    Path epDir(String node) {
        return runtime.settings().nodes().stream().filter(n -> n.node().equals(node)).findFirst().orElseThrow().endpointDir();
    }

    Path svcDir(String node) {
        return runtime.settings().nodes().stream().filter(n -> n.node().equals(node)).findFirst().orElseThrow().serviceDir();
    }

    static List<String> names(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static JsonNode json(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.value(record.headers(), name).orElse("");
    }

    static void assertAudit(String subject, String action) {
        ConsumerRecord<String, byte[]> found = find(Topic.AUDIT.topicName(), r -> {
            if (!subject.equals(r.key())) {
                return false;
            }
            try {
                return action.equals(MAPPER.readTree(r.value()).get("action").asText());
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(header(found, CloudEventHeaders.TYPE)).isEqualTo("io.acicni.audit.v1");
    }

    static ConsumerRecord<String, byte[]> find(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + WAIT);
    }
}
