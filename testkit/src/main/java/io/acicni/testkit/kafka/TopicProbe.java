package io.acicni.testkit.kafka;

import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a catalogue topic from the beginning (committed records only) for tests: every record in
 * order, or waits until one matches. Each call reads anew, so it sees tombstones and duplicates.
 */
public final class TopicProbe {
    private final String bootstrapServers;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A record as read: key, value (parsed; null for a tombstone), partition. */
    public record Seen<T>(String key, T value, int partition, Map<String, String> headers) {
    }

    /** Every record of the topic now, in partition order then offset. */
    public <T> List<Seen<T>> readAll(Topic topic, Class<T> type) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Seen<T>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value())));
                    T value = r.value() == null ? null : type.cast(EventSerde.get().deserialize(topic, r.value()));
                    out.add(new Seen<>(r.key(), value, r.partition(), headers));
                }
            }
        }
        return out;
    }

    /** The latest value of a key now (empty if absent or a tombstone). */
    public <T> Optional<T> latest(Topic topic, Class<T> type, String key) {
        T latest = null;
        for (Seen<T> s : readAll(topic, type)) {
            if (key.equals(s.key())) {
                latest = s.value();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Waits until a record matches, returning it. */
    public <T> Seen<T> await(Topic topic, Class<T> type, Predicate<Seen<T>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Seen<T> s : readAll(topic, type)) {
                if (match.test(s)) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no record on " + topic.topicName() + " matched within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
