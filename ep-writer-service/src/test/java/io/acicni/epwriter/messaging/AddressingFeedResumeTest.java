package io.acicni.epwriter.messaging;

import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.acicni.epwriter.files.Fixtures.v4;
import static org.assertj.core.api.Assertions.assertThat;

/** How the feed's consumer sessions wire {@link ResumeCheck} and out-of-range positions to its state. */
class AddressingFeedResumeTest {
    static final String NODE = "n1";
    static final TopicPartition POD_PARTITION = new TopicPartition(Topic.POD_ADDRESSING.topicName(),
            NodePartitioner.partitionForNode(NODE, Topic.POD_ADDRESSING.partitions()));

    final AddressingState state = new AddressingState(List.of(NODE));
    final List<MockConsumer<byte[], byte[]>> sessions = new ArrayList<>();
    /** The pod partition's first offset for each next session (records removed meanwhile). */
    volatile long podPartitionStart;
    AddressingFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    private Supplier<Consumer<byte[], byte[]>> consumers(long podPartitionEnd) {
        return () -> {
            MockConsumer<byte[], byte[]> c = new MockConsumer<>("none");
            Map<TopicPartition, Long> begin = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            for (Topic t : List.of(Topic.POD_ADDRESSING, Topic.NODE_ADDRESSING, Topic.SERVICE_ADDRESSING)) {
                List<PartitionInfo> infos = new ArrayList<>();
                for (int p = 0; p < t.partitions(); p++) {
                    infos.add(new PartitionInfo(t.topicName(), p, null, null, null));
                    begin.put(new TopicPartition(t.topicName(), p), 0L);
                    end.put(new TopicPartition(t.topicName(), p), 0L);
                }
                c.updatePartitions(t.topicName(), infos);
            }
            begin.put(POD_PARTITION, podPartitionStart);
            end.put(POD_PARTITION, podPartitionEnd);
            c.updateBeginningOffsets(begin);
            c.updateEndOffsets(end);
            synchronized (sessions) {
                sessions.add(c);
            }
            return c;
        };
    }

    private AddressingFeed feed(Supplier<Consumer<byte[], byte[]>> consumers) {
        KafkaOutbox outbox = new KafkaOutbox(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), "/test");
        return new AddressingFeed(consumers, List.of(NODE), new RecordHandler(state), outbox, AddressingFeed.FeedListener.NONE, () -> { });
    }

    private MockConsumer<byte[], byte[]> session(int i) {
        synchronized (sessions) {
            return sessions.size() > i ? sessions.get(i) : null;
        }
    }

    private static ConsumerRecord<byte[], byte[]> pod(long offset) {
        String uid = UUID.randomUUID().toString();
        PodAddressing pod = new PodAddressing(uid, "default", "p" + offset, NODE, List.of(v4("10.2.0." + (offset + 2))), null, null, null, Map.of());
        return new ConsumerRecord<>(POD_PARTITION.topic(), POD_PARTITION.partition(), offset,
                pod.key().getBytes(StandardCharsets.UTF_8), EventSerde.get().serialize(pod));
    }

    @Test
    void aPositionOutOfRangeWhileReadingMeansTheStateIsLost() {
        feed = feed(consumers(0));
        feed.start();
        assertThat(within(() -> feed.caughtUp())).isTrue();
        assertThat(feed.stateLost()).isNull();

        session(0).setPollException(new OffsetOutOfRangeException("out of range", Map.of(POD_PARTITION, 7L)));
        assertThat(within(() -> feed.stateLost() != null)).isTrue();
        assertThat(feed.stateLost()).contains("out of range").contains(POD_PARTITION.toString());
        assertThat(sessions).as("reading goes on in the same session").hasSize(1);
    }

    @Test
    void resumingPastRecordsRemovedUnreadMeansTheStateIsLost() {
        feed = feed(consumers(3));
        feed.start();
        assertThat(within(() -> session(0) != null)).isTrue();
        for (long o = 0; o < 3; o++) {
            long offset = o;
            session(0).schedulePollTask(() -> session(0).addRecord(pod(offset)));
        }
        assertThat(within(() -> feed.caughtUp() && state.pods(NODE).size() == 3)).isTrue();
        assertThat(feed.stateLost()).isNull();

        // the session fails; meanwhile the partition's first 10 records go (retention, a recreated topic)
        podPartitionStart = 10;
        session(0).setPollException(new KafkaException("broker gone"));
        assertThat(within(() -> feed.stateLost() != null)).as("after the next session starts (5 s)").isTrue();
        assertThat(feed.stateLost()).contains("now starts at offset 10, after the position 3");
    }

    @Test
    void resumingWhereTheLastSessionStoppedIsFine() {
        feed = feed(consumers(2));
        feed.start();
        assertThat(within(() -> session(0) != null)).isTrue();
        session(0).schedulePollTask(() -> session(0).addRecord(pod(0)));
        session(0).schedulePollTask(() -> session(0).addRecord(pod(1)));
        assertThat(within(() -> state.pods(NODE).size() == 2)).isTrue();
        session(0).setPollException(new KafkaException("broker gone"));
        assertThat(within(() -> session(1) != null && session(1).assignment().contains(POD_PARTITION))).isTrue();
        assertThat(within(() -> session(1).position(POD_PARTITION) == 2)).isTrue();
        assertThat(feed.stateLost()).isNull();
    }

    @Test
    void aChangedPartitionCountIsReportedNotActedOn() {
        feed = feed(consumers(0));
        feed.contactCheckEvery(java.time.Duration.ofMillis(50));
        feed.start();
        assertThat(within(() -> feed.caughtUp())).isTrue();
        assertThat(feed.partitionProblem()).isNull();

        List<PartitionInfo> more = new ArrayList<>();
        for (int p = 0; p < 24; p++) {
            more.add(new PartitionInfo(Topic.POD_ADDRESSING.topicName(), p, null, null, null));
        }
        session(0).updatePartitions(Topic.POD_ADDRESSING.topicName(), more);
        assertThat(within(() -> feed.partitionProblem() != null)).isTrue();
        assertThat(feed.partitionProblem()).contains("acicni.pod-addressing has 24 partitions, 12 when").contains("[n1]");
        assertThat(feed.stateLost()).as("no restart: it would remove running pods' files").isNull();
        assertThat(sessions).hasSize(1);
    }

    private static boolean within(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException ignored) {
                // a mock consumer being closed or reassigned under us
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
