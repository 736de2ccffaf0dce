package io.acicni.ipam.restore;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.engine.IpamEngine;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads the compacted state topics to the end offsets seen at start, committed records only, and
 * keeps the latest value per key (tombstones remove). A record that fails the events contract is
 * logged and skipped: it was rejected by every consumer already (and sits in the DLQ).
 *
 * <p>{@link #prepare} builds the consumer of the next read ahead of time and fetches the topics'
 * partitions, without reading a record: a term that wins the lease then pays only for reading.
 * Threads: {@code prepare} runs on a warm-up thread, {@code read} on the allocation loop; the
 * consumer passes from one to the other under {@link #lock} and is only used by one at a time
 * ({@code read} waits for a {@code prepare} in progress, bounded by its deadline).
 */
public final class CompactedTopicReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final List<Topic> STATE_TOPICS = List.of(Topic.NODE_ADDRESSING, Topic.POD_ADDRESSING, Topic.SERVICE_ADDRESSING);

    private final Map<String, Object> clientConfig;
    private final Supplier<Consumer<String, byte[]>> factory;
    private final Object lock = new Object();
    /** Built by {@link #prepare}, taken by the next {@link #read}. */
    private Consumer<String, byte[]> prepared;
    private boolean preparing;
    private boolean closed;

    public CompactedTopicReader(Map<String, Object> kafkaConfig) {
        this(kafkaConfig, null);
    }

    /** With {@code factory} building the consumers (null: Kafka consumers of the configuration). */
    public CompactedTopicReader(Map<String, Object> kafkaConfig, Supplier<Consumer<String, byte[]>> factory) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.startsWith("key.") && !k.startsWith("value.") && !k.equals("group.id")) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.clientConfig = Map.copyOf(config);
        this.factory = factory != null ? factory : () -> new KafkaConsumer<>(clientConfig);
    }

    /**
     * Builds the next read's consumer and fetches the state topics' partitions (metadata only: no
     * offset is read, so reading after a fencing still sees everything committed before it). Does
     * nothing if one is prepared, being prepared, or the reader is closed; a failure is logged and
     * the next read builds its own consumer.
     */
    public void prepare(Duration timeout) {
        synchronized (lock) {
            if (prepared != null || preparing || closed) {
                return;
            }
            preparing = true;
        }
        Consumer<String, byte[]> consumer = null;
        try {
            consumer = factory.get();
            for (Topic topic : STATE_TOPICS) {
                consumer.partitionsFor(topic.topicName(), timeout);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Preparing the restore consumer failed; the read builds its own");
            closeQuietly(consumer);
            consumer = null;
        }
        synchronized (lock) {
            preparing = false;
            if (closed) {
                closeQuietly(consumer);
            } else {
                prepared = consumer;
            }
            lock.notifyAll();
        }
    }

    /** The prepared consumer (waiting for one being prepared until the deadline), else a new one. */
    private Consumer<String, byte[]> consumer(long deadline) throws TimeoutException {
        synchronized (lock) {
            while (preparing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("the restore consumer being prepared was not ready in time");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted while waiting for the restore consumer");
                }
            }
            Consumer<String, byte[]> taken = prepared;
            prepared = null;
            if (taken != null) {
                return taken;
            }
        }
        return factory.get();
    }

    /** At shutdown: closes a prepared consumer, and a later {@link #prepare} builds none. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeQuietly(prepared);
            prepared = null;
        }
    }

    private static void closeQuietly(Consumer<?, ?> consumer) {
        if (consumer != null) {
            try {
                consumer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing the restore consumer failed");
            }
        }
    }

    public IpamEngine.RestoredState read(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, NodeAddressing> nodes = new HashMap<>();
        Map<String, PodAddressing> pods = new HashMap<>();
        Map<String, ServiceAddressing> services = new HashMap<>();
        // one consumer for the three topics: each consumer costs a connection, metadata requests, a
        // network thread and its class loading at start, and restore is on the path to readiness
        readTopics(STATE_TOPICS, deadline, (topic, key, value) -> {
            switch (topic) {
                case NODE_ADDRESSING -> put(nodes, key, NodeAddressing.class, value);
                case POD_ADDRESSING -> put(pods, key, PodAddressing.class, value);
                case SERVICE_ADDRESSING -> put(services, key, ServiceAddressing.class, value);
                default -> throw new IllegalStateException("not a state topic: " + topic);
            }
        });
        return new IpamEngine.RestoredState(nodes, pods, services);
    }

    private static <T extends VersionedEvent> void put(Map<String, T> latest, String key, Class<T> type, VersionedEvent value) {
        if (value == null) {
            latest.remove(key);
        } else {
            latest.put(key, type.cast(value));
        }
    }

    private interface Sink {
        /** The latest value of {@code key} on {@code topic}; null for a tombstone. */
        void accept(Topic topic, String key, VersionedEvent value);
    }

    private void readTopics(List<Topic> topics, long deadline, Sink sink) throws TimeoutException {
        Map<String, Topic> byName = new HashMap<>();
        topics.forEach(t -> byName.put(t.topicName(), t));
        try (Consumer<String, byte[]> consumer = consumer(deadline)) {
            List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (Topic topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (infos == null || infos.isEmpty()) {
                    // not "Kafka holds nothing": a restore from a missing topic would forget chunks that
                    // are only in Kafka and hand them out again; the loop retries the restore instead
                    throw new IllegalStateException("topic " + topic.topicName() + " has no partitions (missing, or its metadata"
                            + " not available yet): cannot restore what Kafka holds");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + byName.keySet() + " to their end took too long");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    Topic topic = byName.get(r.topic());
                    if (r.value() == null) {
                        sink.accept(topic, r.key(), null);
                        continue;
                    }
                    try {
                        sink.accept(topic, r.key(), EventSerde.get().deserialize(topic, r.value()));
                    } catch (InvalidEventException e) {
                        LOG.warnf("Skipping invalid record %s-%d@%d key '%s' during restore: %s",
                                r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
                    }
                }
            }
        }
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
