package io.acicni.epwriter.messaging;

import io.acicni.events.model.AuditEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaOutboxTest {

    @Test
    void failedSendsAreCountedByTopicAndSuccessfulOnesAreNot() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaOutbox outbox = new KafkaOutbox(producer, "/test");
        AuditEvent event = new AuditEvent(AuditEvent.SCHEMA_VERSION, "file/n/a.ep", "ep-writer-service/t", "file.created", null, null,
                "test", Instant.parse("2026-11-27T08:00:00Z"));

        outbox.audit(event);
        outbox.audit(event);
        outbox.deadLetter(new ConsumerRecord<>("acicni.pod-addressing", 3, 42L, "k".getBytes(StandardCharsets.UTF_8),
                "{".getBytes(StandardCharsets.UTF_8)), new IllegalArgumentException("bad JSON"));
        producer.completeNext();
        producer.errorNext(new TimeoutException("delivery timed out"));
        producer.errorNext(new TimeoutException("delivery timed out"));

        assertThat(outbox.notPublished()).containsEntry("acicni.audit", 1L).containsEntry("acicni.dlq", 1L);
    }
}
