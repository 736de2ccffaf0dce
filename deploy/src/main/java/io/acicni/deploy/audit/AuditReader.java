package io.acicni.deploy.audit;

import io.acicni.events.model.AuditEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads {@code acicni.audit} without a consumer group (every partition assigned, nothing committed),
 * {@code read_committed} so aborted transactions of a deposed ipam leader never show: from the
 * beginning, or from {@link AuditFilter#since()} via {@code offsetsForTimes}; to the end offsets
 * seen at start, then, when following, on until told to stop. Records that are not valid audit
 * events are counted and skipped.
 */
public final class AuditReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Duration readTimeout;
    private int skipped;

    /**
     * @param kafka       client properties (bootstrap servers, security)
     * @param readTimeout how long reading to the end may take before giving up
     */
    public AuditReader(Properties kafka, Duration readTimeout) {
        this(kafka, Topic.AUDIT.topicName(), readTimeout);
    }

    AuditReader(Properties kafka, String topic, Duration readTimeout) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "aci-dualstack-audit");
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.readTimeout = readTimeout;
    }

    /**
     * Reads every matching event up to the end offsets at the start of the call; returns them in
     * time order (ties by partition and offset).
     */
    public List<AuditRecord> readToEnd(AuditFilter filter) {
        List<AuditRecord> out = new ArrayList<>();
        Map<TopicPartition, Long> end = assignAndSeek(filter);
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " did not reach its end within " + readTimeout.toSeconds() + " s");
            }
            poll(filter, out::add);
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * After {@link #readToEnd}: delivers new matching events batch by batch (each batch in time
     * order) until {@code stop} says so or {@link #wakeup()} is called.
     */
    public void follow(AuditFilter filter, Consumer<AuditRecord> sink, BooleanSupplier stop) {
        try {
            while (!stop.getAsBoolean()) {
                List<AuditRecord> batch = new ArrayList<>();
                poll(filter, batch::add);
                batch.sort(ORDER);
                batch.forEach(sink);
            }
        } catch (WakeupException e) {
            // stopped from another thread
        }
    }

    /** Stops a {@link #follow} from another thread (e.g. a shutdown hook). */
    public void wakeup() {
        consumer.wakeup();
    }

    /** How many records were skipped because they were not valid audit events. */
    public int skipped() {
        return skipped;
    }

    private Map<TopicPartition, Long> assignAndSeek(AuditFilter filter) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist on the broker");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        if (filter.since() == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, filter.since().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = found.get(tp);
                consumer.seek(tp, at == null ? end.get(tp) : at.offset());
            }
        }
        return end;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void poll(AuditFilter filter, Consumer<AuditRecord> sink) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() == null) {
                continue;
            }
            AuditEvent event;
            try {
                event = (AuditEvent) EventSerde.get().deserialize(Topic.AUDIT, r.value());
            } catch (InvalidEventException | ClassCastException e) {
                skipped++;
                continue;
            }
            if (filter.matches(event)) {
                sink.accept(new AuditRecord(event, r.partition(), r.offset()));
            }
        }
    }

    private static final Comparator<AuditRecord> ORDER = Comparator.comparing((AuditRecord r) -> r.event().time())
            .thenComparingInt(AuditRecord::partition).thenComparingLong(AuditRecord::offset);

    @Override
    public void close() {
        consumer.close();
    }
}
