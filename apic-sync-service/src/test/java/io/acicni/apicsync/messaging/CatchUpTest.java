package io.acicni.apicsync.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {
    static final TopicPartition P0 = new TopicPartition("acicni.node-addressing", 0);
    static final TopicPartition P1 = new TopicPartition("acicni.node-addressing", 1);
    static final Map<TopicPartition, Long> TARGETS = Map.of(P0, 800L, P1, 401L);

    @Test
    void positionsAtTheEndWithRecordsStillQueuedForTheListenerAreNotCaughtUp() {
        // the consumer has polled everything; the listener has finished P0 but not P1's last 300
        Map<TopicPartition, Long> handedOut = Map.of(P0, 800L, P1, 400L);
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), TARGETS, TARGETS, handedOut, Map.of(P0, 800L, P1, 100L))).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), TARGETS, TARGETS, handedOut, Map.of(P0, 800L))).isFalse();
        // P1's target is past its last record (a transaction's commit marker): finished up to the last record is enough
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), TARGETS, TARGETS, handedOut, Map.of(P0, 800L, P1, 400L))).isTrue();
    }

    @Test
    void recordsDroppedFromTheQueueByARebalanceAreWaitedForUntilReadAgain() {
        // 500 records of P0 were handed out, then dropped from the queue when a rebalance took P0 away;
        // P0 came back and is read again from the start: finished climbs back to what was handed out
        Map<TopicPartition, Long> handedOut = Map.of(P0, 800L);
        assertThat(CatchUp.channelCaughtUp(Set.of(P0), Map.of(P0, 800L), Map.of(P0, 800L), handedOut, Map.of(P0, 300L))).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0), Map.of(P0, 800L), Map.of(P0, 800L), handedOut, Map.of(P0, 800L))).isTrue();
    }

    @Test
    void aPartitionBehindItsTargetOrUnknownIsNotCaughtUp() {
        Map<TopicPartition, Long> none = Map.of();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), TARGETS, Map.of(P0, 800L, P1, 400L), none, none)).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L), Map.of(P0, 800L, P1, 401L), none, none)).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), TARGETS, Map.of(P0, 800L), none, none)).isFalse();
        // empty partitions (nothing handed out) at their target: caught up
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 0L, P1, 0L), Map.of(P0, 0L, P1, 0L), none, none)).isTrue();
    }

    @Test
    void theInterceptorRecordsTheOffsetAfterTheLastRecordOfEachPartitionAndNeverGoesBack() {
        TopicPartition tp = new TopicPartition("acicni.service-addressing", 2);
        HandedOutOffsets interceptor = new HandedOutOffsets();
        interceptor.onConsume(new ConsumerRecords<>(Map.of(tp, List.of(record(tp, 5), record(tp, 9))), Map.of()));
        assertThat(HandedOutOffsets.next(tp)).isEqualTo(10L);
        interceptor.onConsume(new ConsumerRecords<>(Map.of(tp, List.of(record(tp, 3))), Map.of()));
        assertThat(HandedOutOffsets.next(tp)).isEqualTo(10L);
        assertThat(HandedOutOffsets.next(new TopicPartition("acicni.service-addressing", 1))).isNull();
    }

    static ConsumerRecord<Object, Object> record(TopicPartition tp, long offset) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, "k", "v");
    }
}
