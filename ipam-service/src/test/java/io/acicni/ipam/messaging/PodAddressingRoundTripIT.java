package io.acicni.ipam.messaging;

import inet.ipaddr.IPAddressString;
import io.acicni.events.cloudevents.CloudEventAttributes;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.PodKey;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.engine.Changes;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishes pod addressing through the transactional outbox to the real broker and reads it back
 * with a read_committed consumer.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithKubernetesTestServer
class PodAddressingRoundTripIT {

    @Inject
    StateOutbox outbox;

    @Test
    void podAddressingArrivesKeyedPartitionedByNodeWithHeaders() throws Exception {
        String node = "worker-" + UUID.randomUUID().toString().substring(0, 8);
        String uid = UUID.randomUUID().toString();
        PodAddressing pod = new PodAddressing(uid, "default", "web-1", node,
                List.of(new PodAddress(ip("10.2.0.5"), 16, ip("10.2.0.1")),
                        new PodAddress(ip("2001:fb8:42::5"), 56, ip("2001:fb8:42::1"))),
                null, null, null, Map.of("app", "web"));

        // the producer exists while the instance leads (it opens it before restoring)
        await().atMost(Duration.ofSeconds(60)).until(outbox::isOpen);
        outbox.publish(List.of(new Changes.Publish(Topic.POD_ADDRESSING, pod.key(), pod)), List.of());
        outbox.publish(List.of(new Changes.Publish(Topic.POD_ADDRESSING, new PodKey(node, uid).toString(), null)), List.of());

        int partition = NodePartitioner.partitionForNode(node, Topic.POD_ADDRESSING.partitions());
        List<ConsumerRecord<String, byte[]>> records = readPartition(partition, node + "/" + uid, 2);

        ConsumerRecord<String, byte[]> first = records.get(0);
        assertThat(first.key()).isEqualTo(node + "/" + uid);
        assertThat(first.partition()).isEqualTo(partition);
        PodAddressing back = (PodAddressing) EventSerde.get().deserialize(Topic.POD_ADDRESSING, first.value());
        assertThat(back).isEqualTo(pod);
        assertThat(back.addresses()).extracting(a -> a.address().isIPv4()).containsExactly(true, false);
        CloudEventAttributes ce = CloudEventHeaders.read(first.headers());
        assertThat(ce.type()).isEqualTo("io.acicni.pod-addressing.v1");
        assertThat(ce.source()).startsWith("/acicni/ipam-service/");
        assertThat(ce.subject()).isEqualTo(node + "/" + uid);
        assertThat(CloudEventHeaders.value(first.headers(), "content-type")).contains("application/json");

        ConsumerRecord<String, byte[]> tombstone = records.get(1);
        assertThat(tombstone.key()).isEqualTo(node + "/" + uid);
        assertThat(tombstone.partition()).isEqualTo(partition);
        assertThat(tombstone.value()).isNull();
        assertThat(CloudEventHeaders.read(tombstone.headers()).subject()).isEqualTo(node + "/" + uid);
        assertThat(CloudEventHeaders.read(tombstone.headers()).id()).isNotEqualTo(ce.id());
    }

    /**
     * A service with tens of thousands of endpoints is one record of megabytes: over Kafka's default
     * limit, the producer refused it and the whole batch's transaction failed (again after every
     * restore). The topic and the producer now take up to Topic.SERVICE_RECORD_LIMIT_BYTES.
     */
    @Test
    void aServiceRecordOfSeveralMegabytesIsPublishedAndReadBack() throws Exception {
        String name = "big-" + UUID.randomUUID().toString().substring(0, 8);
        List<ServiceAddressing.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            endpoints.add(new ServiceAddressing.Endpoint(ip("10.2." + (i / 250) + "." + (i % 250 + 2)), "worker-" + (i % 500),
                    UUID.randomUUID().toString(), List.of(new ServiceAddressing.EndpointPort("http", "TCP", 8080))));
        }
        ServiceAddressing service = new ServiceAddressing(UUID.randomUUID().toString(), "default", name, "ClusterIP", "SingleStack",
                List.of(), List.of(ip("10.96.0.10")), List.of(), List.of(new ServiceAddressing.Port("http", "TCP", 80, "8080", null)),
                endpoints, null, null);
        int bytes = EventSerde.get().serialize(service).length;
        assertThat(bytes).isGreaterThan(3 * Topic.KAFKA_DEFAULT_MAX_MESSAGE_BYTES).isLessThan(Topic.SERVICE_RECORD_LIMIT_BYTES);

        await().atMost(Duration.ofSeconds(60)).until(outbox::isOpen);
        outbox.publish(List.of(new Changes.Publish(Topic.SERVICE_ADDRESSING, service.key(), service)), List.of());

        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.SERVICE_ADDRESSING.topicName()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]> found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (service.key().equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertThat(found).as("the service's record").isNotNull();
            assertThat(found.value()).hasSize(bytes);
            assertThat(EventSerde.get().deserialize(Topic.SERVICE_ADDRESSING, found.value())).isEqualTo(service);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readPartition(int partition, String key, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topic.POD_ADDRESSING.topicName(), partition);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
            assertThat(found).as("records with key %s on partition %d", key, partition).hasSize(count);
            return found;
        }
    }

    private static inet.ipaddr.IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }
}
