package io.acicni.epwriter.messaging;

import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads the state topics with a plain consumer and manual assignment (no consumer group, no commits:
 * every start reads the compacted topics from the beginning), {@code read_committed}: a record of a
 * transaction ipam aborted never reaches a file.
 * <ul>
 *   <li>{@code acicni.pod-addressing}: only the partitions of the served nodes
 *       ({@link NodePartitioner#partitionForNode} with the topic's real partition count);</li>
 *   <li>{@code acicni.service-addressing}: every partition;</li>
 *   <li>{@code acicni.node-addressing}: the partitions holding the served nodes' keys.</li>
 * </ul>
 * When every assigned partition has been read up to the end offset it had at start, {@code onCaughtUp}
 * runs once (writing starts only then). Rejected records go to the DLQ; the feed never stops for one.
 */
public final class AddressingFeed implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AddressingFeed.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofSeconds(5);
    /** Half the topics' tombstone retention: an absence up to this cannot have missed a deletion. */
    static final Duration SAFE_ABSENCE = Topic.TOMBSTONE_RETENTION.dividedBy(2);
    static final Duration CONTACT_CHECK = Duration.ofSeconds(30);
    private Duration contactCheck = CONTACT_CHECK;

    private final Map<String, Object> kafkaConfig;
    private final Collection<String> nodes;
    private final RecordHandler handler;
    private final KafkaOutbox outbox;
    private final FeedListener listener;
    private final Runnable onCaughtUp;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean caughtUp;
    /** Why the state read so far can no longer be trusted (the service must restart), or null. */
    private volatile String stateLost;
    private volatile String partitionProblem;
    private final Map<Topic, Integer> assignedCounts = new java.util.EnumMap<>(Topic.class);
    /** When the broker last answered this feed (records, or the periodic contact check). */
    private long lastContactNanos = System.nanoTime();
    private long nextContactCheck;
    private volatile boolean closed;
    private Thread thread;

    /** Counts of what the feed did, for metrics. */
    public interface FeedListener {
        void applied(String topic);

        void skippedOtherNode(String topic);

        void rejected(String topic, Exception reason);

        /** Counts nothing (tests and harnesses). */
        FeedListener NONE = new FeedListener() {
            @Override
            public void applied(String topic) {
            }

            @Override
            public void skippedOtherNode(String topic) {
            }

            @Override
            public void rejected(String topic, Exception reason) {
            }
        };
    }

    public AddressingFeed(Map<String, Object> kafkaConfig, Collection<String> nodes, RecordHandler handler, KafkaOutbox outbox,
                          FeedListener listener, Runnable onCaughtUp) {
        this(nodes, handler, outbox, listener, onCaughtUp, null, kafkaConfig);
    }

    /** For tests: consumers from {@code consumers} (a {@code MockConsumer}), one per session. */
    public AddressingFeed(Supplier<Consumer<byte[], byte[]>> consumers, Collection<String> nodes, RecordHandler handler,
                          KafkaOutbox outbox, FeedListener listener, Runnable onCaughtUp) {
        this(nodes, handler, outbox, listener, onCaughtUp, consumers, Map.of());
    }

    private AddressingFeed(Collection<String> nodes, RecordHandler handler, KafkaOutbox outbox, FeedListener listener,
                           Runnable onCaughtUp, Supplier<Consumer<byte[], byte[]>> consumers, Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
        this.consumers = consumers != null ? consumers : this::kafkaConsumer;
        this.nodes = List.copyOf(nodes);
        this.handler = handler;
        this.outbox = outbox;
        this.listener = listener;
        this.onCaughtUp = onCaughtUp;
        for (Topic t : List.of(Topic.POD_ADDRESSING, Topic.SERVICE_ADDRESSING, Topic.NODE_ADDRESSING)) {
            lag.put(t.topicName(), new AtomicLong(-1));
        }
    }

    public synchronized void start() {
        thread = new Thread(this::run, "ep-writer-feed");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records behind the end of a topic's assigned partitions; -1 until known. */
    public long lag(String topic) {
        AtomicLong value = lag.get(topic);
        return value == null ? -1 : value.get();
    }

    public Set<String> topics() {
        return lag.keySet();
    }

    private void run() {
        while (!closed) {
            try {
                consume();
            } catch (WakeupException e) {
                if (closed) {
                    return;
                }
                LOG.error("Kafka feed woken up unexpectedly; reconnecting", e);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Kafka feed failed: %s; reconnecting in %s from where it stopped", e.getMessage(), RETRY);
            }
            if (closed) {
                return; // a session ended by close(): no reconnect delay for the shutdown to wait out
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The production consumer: the shared Kafka settings for a plain, group-less, committed-only reader. */
    private Consumer<byte[], byte[]> kafkaConsumer() {
        Map<String, Object> config = new HashMap<>(KafkaSettings.clientConfig(kafkaConfig));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // every session seeks explicitly (the beginning, or where the last one stopped); a position that
        // falls out of range must be noticed (ResumeCheck), never silently reset
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // ipam publishes in transactions and, when one fails, rebuilds from what was committed and may
        // give the same addresses to other pods: an aborted record must never become a file. End
        // offsets (the catch-up target, the lag) are then the last stable offsets.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ep-writer-" + String.join("-", nodes.size() > 3 ? List.copyOf(nodes).subList(0, 3) : nodes));
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * One consumer session. The first starts at the beginning of every assigned partition; after a
     * failure the next resumes at the positions reached (re-reading from the beginning would miss
     * tombstones compacted away meanwhile and keep removed pods).
     */
    private void consume() {
        try (Consumer<byte[], byte[]> c = consumers.get()) {
            consumer = c;
            if (closed) {
                return;
            }
            Set<TopicPartition> assigned = assignment(c);
            c.assign(assigned);
            for (TopicPartition tp : assigned) {
                Long position = positions.get(tp);
                if (position == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, position);
                }
            }
            Map<TopicPartition, Long> endAtStart = c.endOffsets(assigned);
            if (!positions.isEmpty()) {
                ResumeCheck.problem(positions, c.beginningOffsets(assigned), endAtStart,
                                Duration.ofNanos(System.nanoTime() - lastContactNanos), SAFE_ABSENCE)
                        .ifPresent(why -> lose(why, c, assigned));
            }
            // the broker answered: the absence that matters is counted from here (a first session has
            // nothing to lose however long Kafka was away before it)
            lastContactNanos = System.nanoTime();
            nextContactCheck = lastContactNanos + contactCheck.toNanos();
            LOG.infof("Reading %s for nodes %s; catching up to %s", assigned, nodes, endAtStart);
            // checked before the first poll too: with nothing to read (a new cluster, or nothing for these
            // nodes) the feed is caught up at once instead of after a poll that waits its whole timeout
            checkCaughtUp(c, endAtStart);
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(Duration.ofMillis(200));
                } catch (OffsetOutOfRangeException e) {
                    lose("position out of range on " + e.offsetOutOfRangePartitions() + ": records were removed unread", c,
                            e.offsetOutOfRangePartitions().keySet());
                    continue;
                }
                if (!records.isEmpty()) {
                    lastContactNanos = System.nanoTime();
                }
                checkContact(c, assigned);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    process(record);
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                updateLag(c, assigned);
                checkCaughtUp(c, endAtStart);
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * A poll returns nothing both when there is nothing new and when the broker cannot be reached, and
     * the consumer then resumes by itself: so every {@link #CONTACT_CHECK} (by default) the feed asks the broker for
     * the partitions' offsets. When it has not answered for longer than {@link #SAFE_ABSENCE}, deletions
     * may have been missed; once it answers again, a position before a partition's new start means
     * records were removed unread (ResumeCheck).
     */
    private void checkContact(Consumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        long now = System.nanoTime();
        if (now - nextContactCheck < 0) {
            return;
        }
        nextContactCheck = now + contactCheck.toNanos();
        checkPartitionCounts(c);
        Duration away = Duration.ofNanos(now - lastContactNanos);
        try {
            Map<TopicPartition, Long> beginnings = c.beginningOffsets(assigned, Duration.ofSeconds(5));
            Map<TopicPartition, Long> current = new HashMap<>();
            for (TopicPartition tp : assigned) {
                current.put(tp, c.position(tp, Duration.ofSeconds(5)));
            }
            lastContactNanos = System.nanoTime();
            ResumeCheck.problem(current, beginnings, Map.of(), away, SAFE_ABSENCE).ifPresent(why -> lose(why, c, assigned));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            if (away.compareTo(SAFE_ABSENCE) > 0) {
                lose("no answer from Kafka for " + away, c, assigned);
            }
        }
    }

    /**
     * The node-partitioned topics' partition counts as the broker now has them, against those the
     * assignment was computed with. A change moves nodes to other partitions: ipam writes a node's new
     * records where this feed does not read, and its new pods would wait in CNI ADD for ever. Reported
     * (an error, readiness DOWN with the reason), not acted on: a restart would read only the new
     * partitions and remove the files of running pods whose records are still on the old ones. The
     * procedure that works is in docs/events.md.
     */
    private void checkPartitionCounts(Consumer<byte[], byte[]> c) {
        for (Map.Entry<Topic, Integer> e : assignedCounts.entrySet()) {
            List<PartitionInfo> now;
            try {
                now = c.partitionsFor(e.getKey().topicName(), Duration.ofSeconds(5));
            } catch (RuntimeException ex) {
                continue; // unreachable: the contact check speaks for that
            }
            if (now != null && !now.isEmpty() && now.size() != e.getValue() && partitionProblem == null) {
                partitionProblem = e.getKey().topicName() + " has " + now.size() + " partitions, " + e.getValue()
                        + " when this ep-writer chose the partitions of nodes " + nodes + ": new records of these nodes may be"
                        + " on partitions it does not read (see docs/events.md, ordering and partitioning)";
                LOG.errorf("%s", partitionProblem);
            }
        }
    }

    /** A change of partition count this feed cannot follow, or null. */
    public String partitionProblem() {
        return partitionProblem;
    }

    /** For tests: how often the broker is asked for offsets and partition counts (default 30 s). */
    void contactCheckEvery(Duration every) {
        this.contactCheck = every;
    }

    /** Why the state can no longer be trusted, or null while it can. */
    public String stateLost() {
        return stateLost;
    }

    /**
     * The state read so far may hold pods that no longer exist: reported (liveness DOWN, so the
     * service is restarted and rebuilds from the beginning of the topics), and reading goes on from
     * the beginning of the affected partitions meanwhile, so new records still reach their files.
     */
    private void lose(String why, Consumer<byte[], byte[]> c, java.util.Collection<TopicPartition> partitions) {
        if (stateLost == null) {
            stateLost = why;
            LOG.errorf("The addressing state of nodes %s can no longer be trusted: %s. Reporting not alive, so that this "
                    + "ep-writer is restarted and rebuilds its files from the topics", nodes, why);
        }
        c.seekToBeginning(partitions);
    }

    private void checkCaughtUp(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> endAtStart) {
        if (!caughtUp && reached(c, endAtStart)) {
            caughtUp = true;
            LOG.infof("Caught up with the state topics for nodes %s; writing files", nodes);
            onCaughtUp.run();
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (handler.handle(record.topic(), record.key(), record.value()) == RecordHandler.Outcome.APPLIED) {
                listener.applied(record.topic());
            } else {
                listener.skippedOtherNode(record.topic());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Rejected record %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(),
                    Topic.DLQ.topicName(), e.getMessage());
            listener.rejected(record.topic(), e);
            outbox.deadLetter(record, e);
        }
    }

    private Set<TopicPartition> assignment(Consumer<byte[], byte[]> c) {
        Set<TopicPartition> out = new LinkedHashSet<>();
        int podPartitions = partitionCount(c, Topic.POD_ADDRESSING);
        assignedCounts.put(Topic.POD_ADDRESSING, podPartitions);
        for (String node : nodes) {
            out.add(new TopicPartition(Topic.POD_ADDRESSING.topicName(), NodePartitioner.partitionForNode(node, podPartitions)));
        }
        int nodePartitions = partitionCount(c, Topic.NODE_ADDRESSING);
        assignedCounts.put(Topic.NODE_ADDRESSING, nodePartitions);
        for (String node : nodes) {
            out.add(new TopicPartition(Topic.NODE_ADDRESSING.topicName(),
                    NodePartitioner.partition(Topic.NODE_ADDRESSING.topicName(), node, null, nodePartitions)));
        }
        int servicePartitions = partitionCount(c, Topic.SERVICE_ADDRESSING);
        for (int p = 0; p < servicePartitions; p++) {
            out.add(new TopicPartition(Topic.SERVICE_ADDRESSING.topicName(), p));
        }
        return out;
    }

    private int partitionCount(Consumer<byte[], byte[]> c, Topic topic) {
        long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
        while (!closed) {
            List<PartitionInfo> partitions = c.partitionsFor(topic.topicName(), Duration.ofSeconds(10));
            if (partitions != null && !partitions.isEmpty()) {
                return partitions.size();
            }
            if (System.nanoTime() > deadline) {
                LOG.warnf("Topic %s still has no partitions after %s; waiting for it to be created", topic.topicName(), METADATA_TIMEOUT);
                deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private static boolean reached(Consumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void updateLag(Consumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        Map<String, Long> sums = new HashMap<>();
        for (TopicPartition tp : assigned) {
            // read_committed: the lag is against the last stable offset the consumer last heard of, which
            // can be behind a position it has since passed (control markers): never less than nothing
            c.currentLag(tp).ifPresent(l -> sums.merge(tp.topic(), Math.max(0, l), Long::sum));
        }
        sums.forEach((topic, value) -> lag.get(topic).set(value));
    }

    @Override
    public void close() {
        closed = true;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
