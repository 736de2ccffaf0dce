package io.acicni.ipam.messaging;

import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.config.EventSourceConfig;
import io.acicni.ipam.engine.Changes;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Publishes a batch of state records and audit events in one Kafka transaction on the
 * {@code ipam-state} channel. The channel's producer has a fixed {@code transactional.id}: when a
 * new leader's producer starts, the broker fences the old leader's, whose next commit fails — a
 * deposed leader cannot publish behind the new one's back.
 */
@ApplicationScoped
public class StateOutbox {
    private final KafkaTransactions<Record<String, VersionedEvent>> transactions;
    private final String source;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public StateOutbox(@Channel("ipam-state") KafkaTransactions<Record<String, VersionedEvent>> transactions,
                       EventSourceConfig config) {
        this.transactions = transactions;
        this.source = config.cloudEventSource();
    }

    /** Publishes the records and audits of a batch atomically; throws if the transaction fails. */
    public void publish(List<Changes.Publish> records, List<AuditEvent> audits, Duration timeout) {
        if (records.isEmpty() && audits.isEmpty()) {
            return;
        }
        transactions.withTransaction(emitter -> {
            for (Changes.Publish p : records) {
                emitter.send(message(p.topic(), p.key(), p.value()));
            }
            for (AuditEvent a : audits) {
                emitter.send(message(Topic.AUDIT, a.subject(), a));
            }
            return Uni.createFrom().voidItem();
        }).await().atMost(timeout);
    }

    private Message<Record<String, VersionedEvent>> message(Topic topic, String key, VersionedEvent value) {
        int version = value == null ? topic.supportedSchemaVersions().iterator().next() : value.schemaVersion();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic.topicName())
                .withKey(key)
                .withHeaders(CloudEventHeaders.create(topic, version, source, key, clock.instant()))
                .build();
        return Message.of(Record.of(key, value)).addMetadata(metadata);
    }
}
