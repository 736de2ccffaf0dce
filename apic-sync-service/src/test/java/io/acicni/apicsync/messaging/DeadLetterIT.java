package io.acicni.apicsync.messaging;

import io.acicni.apicsync.desired.ObservedAddressing;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.acicni.apicsync.it.ApicEmulatorResource;
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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Malformed records go to acicni.dlq with the reason, and the consumer keeps consuming. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ApicEmulatorResource.class)
@WithKubernetesTestServer
class DeadLetterIT {

    @Inject
    ObservedAddressing observed;

    @Test
    void badRecordsLandInTheDlqAndGoodOnesAreStillConsumed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String malformedKey = "ns-" + run + "/malformed";
        String futureKey = "ns-" + run + "/future";
        String goodKey = "ns-" + run + "/web";
        ServiceAddressing good = new ServiceAddressing("uid-" + run, "ns-" + run, "web", "ClusterIP", "SingleStack",
                List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            String topic = Topic.SERVICE_ADDRESSING.topicName();
            producer.send(record(topic, malformedKey, "{\"schemaVersion\":1,\"uid\":".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(record(topic, futureKey, "{\"schemaVersion\":99,\"uid\":\"u\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(record(topic, goodKey, EventSerde.get().serialize(good))).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> observed.service(goodKey).isPresent());
        assertThat(observed.service(goodKey)).contains(good);
        assertThat(observed.service(malformedKey)).isEmpty();

        Map<String, ConsumerRecord<String, byte[]>> dlq = readDlq(List.of(malformedKey, futureKey));
        ConsumerRecord<String, byte[]> malformed = dlq.get(malformedKey);
        assertThat(new String(malformed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"uid\":");
        assertThat(header(malformed, "dead-letter-reason")).contains("field '$'").contains("is not valid JSON");
        assertThat(header(malformed, "dead-letter-topic")).isEqualTo(Topic.SERVICE_ADDRESSING.topicName());
        assertThat(header(dlq.get(futureKey), "dead-letter-reason")).contains("field 'schemaVersion'").contains("unknown schema version 99");
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.create(Topic.SERVICE_ADDRESSING, 1, "/test", key, Instant.now()).forEach(h -> r.headers().add(h));
        return r;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.value(record.headers(), name).orElse("");
    }

    private static Map<String, ConsumerRecord<String, byte[]>> readDlq(List<String> keys) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topic.DLQ.topicName(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < keys.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.put(r.key(), r);
                    }
                }
            }
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        return found;
    }
}
