package io.acicni.apicsync.messaging;

import io.acicni.apicsync.desired.ObservedAddressing;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads node and service addressing from the compacted topics into {@link ObservedAddressing}.
 * A record that is not a valid event (malformed JSON, missing field, unknown schema version, key and
 * value disagreeing) is rejected: {@link DeadLetters} copies it, with the reason in its headers, to
 * {@code acicni.dlq}, and consumption goes on; so is a record whose application fails for any other
 * reason. The methods never throw, so the channel never fails.
 */
@ApplicationScoped
public class AddressingListener {
    private static final Logger LOG = Logger.getLogger(AddressingListener.class);

    private final ObservedAddressing observed;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    /** Per partition, the offset after the last record this listener finished with. */
    private final Map<TopicPartition, Long> processedNext = new ConcurrentHashMap<>();

    public AddressingListener(ObservedAddressing observed, MeterRegistry registry, DeadLetters deadLetters) {
        this.observed = observed;
        this.registry = registry;
        this.deadLetters = deadLetters;
    }

    public static final String NODE_CHANNEL = "node-addressing-in";
    public static final String SERVICE_CHANNEL = "service-addressing-in";

    @Incoming(NODE_CHANNEL)
    public void onNode(ConsumerRecord<String, byte[]> record) {
        apply(Topic.NODE_ADDRESSING, record, NodeAddressing.class, NodeAddressing::node, "node", observed::node);
    }

    @Incoming(SERVICE_CHANNEL)
    public void onService(ConsumerRecord<String, byte[]> record) {
        apply(Topic.SERVICE_ADDRESSING, record, ServiceAddressing.class, ServiceAddressing::key, "namespace/name", observed::service);
    }

    /**
     * Reads the record as {@code type}, checks that the value's own key ({@code keyOf}, field
     * {@code keyField}) is the record's key, and hands it (null: a tombstone) to {@code sink}. A bad
     * record, or one whose application fails, goes to the DLQ; nothing is thrown.
     */
    private <T> void apply(Topic topic, ConsumerRecord<String, byte[]> record, Class<T> type, Function<T, String> keyOf,
                           String keyField, BiConsumer<String, T> sink) {
        try {
            T value = read(topic, record, type);
            if (value != null && !keyOf.apply(value).equals(record.key())) {
                throw reject(topic, record, new InvalidEventException(keyField,
                        "'" + keyOf.apply(value) + "' differs from the record key '" + record.key() + "'"));
            }
            sink.accept(record.key(), value);
        } catch (InvalidEventException e) {
            deadLetters.send(record, e);
        } catch (RuntimeException e) {
            failed(record, e);
        } finally {
            finished(record);
        }
    }

    /**
     * The offset after the last record of {@code tp} this listener finished with (applied or sent to the
     * DLQ), or null: {@link CatchUp} compares it with {@link HandedOutOffsets}, since the connector
     * queues polled records before they reach this listener.
     */
    public Long processedNext(TopicPartition tp) {
        return processedNext.get(tp);
    }

    /** Not a bad record but a failure to apply it (a bug): logged with its stack, counted, dead-lettered. */
    private void failed(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        registry.counter("acicni_events_rejected_total", "topic", record.topic()).increment();
        LOG.errorf(e, "Could not apply record %s-%d@%d key '%s'; sent to %s", record.topic(), record.partition(), record.offset(),
                record.key(), Topic.DLQ.topicName());
        deadLetters.send(record, e);
    }

    private void finished(ConsumerRecord<String, byte[]> record) {
        processedNext.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    private <T> T read(Topic topic, ConsumerRecord<String, byte[]> record, Class<T> type) {
        if (record.key() == null) {
            throw reject(topic, record, new InvalidEventException("key", "is required on " + topic.topicName()));
        }
        try {
            return type.cast(EventSerde.get().deserialize(topic, record.value()));
        } catch (InvalidEventException e) {
            throw reject(topic, record, e);
        }
    }

    private InvalidEventException reject(Topic topic, ConsumerRecord<String, byte[]> record, InvalidEventException e) {
        registry.counter("acicni_events_rejected_total", "topic", topic.topicName()).increment();
        LOG.warnf("Rejected record %s-%d@%d key '%s' to %s: %s", record.topic(), record.partition(), record.offset(),
                record.key(), Topic.DLQ.topicName(), e.getMessage());
        return e;
    }

    /** The observed addressing, one per application. */
    @Produces
    @Singleton
    static ObservedAddressing observedAddressing() {
        return new ObservedAddressing();
    }
}
