package io.acicni.epwriter.messaging;

import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.DeadLetterHeaders;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this service writes to Kafka: audit events ({@code acicni.audit}, CloudEvents headers) and
 * rejected records ({@code acicni.dlq}: original key, value and headers plus the
 * {@code dead-letter-*} headers SmallRye's dead-letter queue uses, so all services' DLQ entries read alike).
 * Sends are asynchronous; a failed send is logged and counted ({@link #notPublished()}, the metric
 * {@code acicni_epwriter_kafka_not_published_total{topic}}), never blocks file writing.
 */
public final class KafkaOutbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KafkaOutbox.class);

    private final Producer<byte[], byte[]> producer;
    private final String source;
    private final LongAdder auditsNotPublished = new LongAdder();
    private final LongAdder deadLettersNotPublished = new LongAdder();

    public KafkaOutbox(Map<String, Object> kafkaConfig, String source) {
        this(new KafkaProducer<>(producerConfig(kafkaConfig), new ByteArraySerializer(), new ByteArraySerializer()), source);
    }

    /** An outbox over a given producer (tests and harnesses: a {@code MockProducer}). */
    public KafkaOutbox(Producer<byte[], byte[]> producer, String source) {
        this.producer = producer;
        this.source = source;
    }

    private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(KafkaSettings.clientConfig(kafkaConfig));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // a rejected record is copied whole to the DLQ: up to a service record's size
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topic.largestMessageBytes());
        return config;
    }

    public void audit(AuditEvent event) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topic.AUDIT.topicName(), null,
                event.subject().getBytes(StandardCharsets.UTF_8), EventSerde.get().serialize(event),
                CloudEventHeaders.create(Topic.AUDIT, event.schemaVersion(), source, event.subject(), event.time()));
        producer.send(record, (meta, e) -> {
            if (e != null) {
                auditsNotPublished.increment();
                LOG.warnf("Audit event %s %s not published: %s", event.action(), event.subject(), e.getMessage());
            }
        });
    }

    public void deadLetter(ConsumerRecord<byte[], byte[]> original, Exception reason) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topic.DLQ.topicName(), null, original.key(), original.value(),
                DeadLetterHeaders.of(original, reason, source));
        producer.send(record, (meta, e) -> {
            if (e != null) {
                deadLettersNotPublished.increment();
                LOG.errorf("Rejected record %s-%d@%d could not be sent to %s: %s", original.topic(), original.partition(),
                        original.offset(), Topic.DLQ.topicName(), e.getMessage());
            }
        });
    }

    /** Sends that failed, by topic ({@code acicni.audit}, {@code acicni.dlq}), since start. */
    public Map<String, Long> notPublished() {
        return Map.of(Topic.AUDIT.topicName(), auditsNotPublished.sum(), Topic.DLQ.topicName(), deadLettersNotPublished.sum());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
