package io.acicni.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;

/** Produces audit events to the shared embedded broker's {@code acicni.audit}, as the services do. */
public final class AuditEvents {
    private AuditEvents() {
    }

    public static String bootstrap() {
        return SharedKafka.get().bootstrapServers();
    }

    /** Sends the event with CloudEvents headers, key = subject, record timestamp = {@code recordTime} (null: now). */
    public static void send(AuditEvent event, Instant recordTime) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.AUDIT.topicName(), null,
                    recordTime == null ? null : recordTime.toEpochMilli(), event.subject(), EventSerde.get().serialize(event));
            CloudEventHeaders.create(Topic.AUDIT, AuditEvent.SCHEMA_VERSION, "/acicni/" + event.actor(), event.subject(), event.time())
                    .forEach(h -> record.headers().add(h));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static AuditEvent event(String subject, String actor, String action, JsonNode before, JsonNode after, String reason, Instant time) {
        return new AuditEvent(subject, actor, action, before, after, reason, time);
    }

    /** Raw bytes that are not an audit event, to prove readers skip them. */
    public static void sendGarbage(String key) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topic.AUDIT.topicName(), key, "{not an event".getBytes())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
