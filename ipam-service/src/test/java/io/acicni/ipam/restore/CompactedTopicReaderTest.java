package io.acicni.ipam.restore;

import io.acicni.events.topic.Topic;
import io.acicni.ipam.engine.IpamEngine;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactedTopicReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Builds mock consumers over three empty state topics and remembers each one it built. */
    private static final class Consumers implements Supplier<Consumer<String, byte[]>> {
        final List<MockConsumer<String, byte[]>> built = new ArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch gate;
        final CountDownLatch entered = new CountDownLatch(1);
        volatile Topic missing;

        @Override
        public synchronized Consumer<String, byte[]> get() {
            entered.countDown();
            if (gate != null) {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("broker unreachable");
            }
            MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Topic topic : List.of(Topic.NODE_ADDRESSING, Topic.POD_ADDRESSING, Topic.SERVICE_ADDRESSING)) {
                if (topic == missing) {
                    continue;
                }
                consumer.updatePartitions(topic.topicName(), List.of(new PartitionInfo(topic.topicName(), 0, null, null, null)));
                offsets.put(new TopicPartition(topic.topicName(), 0), 0L);
            }
            consumer.updateBeginningOffsets(offsets);
            consumer.updateEndOffsets(offsets);
            built.add(consumer);
            return consumer;
        }
    }

    @Test
    void aReadTakesThePreparedConsumerAndTheNextReadBuildsItsOwn() throws Exception {
        Consumers consumers = new Consumers();
        CompactedTopicReader reader = new CompactedTopicReader(Map.of(), consumers);

        reader.prepare(TIMEOUT);
        reader.prepare(TIMEOUT); // one prepared consumer at a time
        assertThat(consumers.built).hasSize(1);
        assertThat(consumers.built.get(0).closed()).isFalse();

        IpamEngine.RestoredState state = reader.read(TIMEOUT);
        assertThat(state.pods()).isEmpty();
        assertThat(consumers.built).hasSize(1);
        assertThat(consumers.built.get(0).closed()).as("closed after its read").isTrue();

        reader.read(TIMEOUT);
        assertThat(consumers.built).hasSize(2);
        assertThat(consumers.built.get(1).closed()).isTrue();
    }

    @Test
    void aFailedPrepareLeavesTheReadToBuildItsOwn() throws Exception {
        Consumers consumers = new Consumers();
        consumers.failuresLeft.set(1);
        CompactedTopicReader reader = new CompactedTopicReader(Map.of(), consumers);

        reader.prepare(TIMEOUT);
        assertThat(consumers.built).isEmpty();
        assertThat(reader.read(TIMEOUT).nodes()).isEmpty();
        assertThat(consumers.built).hasSize(1);
    }

    @Test
    void aReadWaitsForThePrepareInProgressInsteadOfBuildingASecondConsumer() throws Exception {
        Consumers consumers = new Consumers();
        consumers.gate = new CountDownLatch(1);
        CompactedTopicReader reader = new CompactedTopicReader(Map.of(), consumers);
        CompletableFuture<Void> preparing = CompletableFuture.runAsync(() -> reader.prepare(TIMEOUT));
        // the prepare is inside the factory, building the consumer
        assertThat(consumers.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<IpamEngine.RestoredState> read = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.read(TIMEOUT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(read).isNotDone();
        consumers.gate.countDown();
        preparing.get(5, TimeUnit.SECONDS);
        assertThat(read.get(5, TimeUnit.SECONDS).services()).isEmpty();
        assertThat(consumers.built).hasSize(1);
    }

    @Test
    void aStateTopicWithoutPartitionsFailsTheReadInsteadOfRestoringNothing() {
        Consumers consumers = new Consumers();
        consumers.missing = Topic.NODE_ADDRESSING;
        CompactedTopicReader reader = new CompactedTopicReader(Map.of(), consumers);
        assertThatThrownBy(() -> reader.read(TIMEOUT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic acicni.node-addressing has no partitions");
        assertThat(consumers.built.get(0).closed()).isTrue();
    }

    @Test
    void closingClosesThePreparedConsumerAndALaterPrepareBuildsNone() {
        Consumers consumers = new Consumers();
        CompactedTopicReader reader = new CompactedTopicReader(Map.of(), consumers);
        reader.prepare(TIMEOUT);
        reader.close();
        assertThat(consumers.built.get(0).closed()).isTrue();
        reader.prepare(TIMEOUT);
        assertThat(consumers.built).hasSize(1);
    }
}
