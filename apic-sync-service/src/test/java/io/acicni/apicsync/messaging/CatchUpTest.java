package io.acicni.apicsync.messaging;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {
    static final org.apache.kafka.common.TopicPartition P0 = new org.apache.kafka.common.TopicPartition("acicni.node-addressing", 0);
    static final org.apache.kafka.common.TopicPartition P1 = new org.apache.kafka.common.TopicPartition("acicni.node-addressing", 1);

    @Test
    void positionsAtTheEndWithRecordsStillQueuedForTheListenerAreNotCaughtUp() {
        // the consumer has polled everything (positions at the targets) and handed out 1,200 records;
        // the listener has applied 700: the other 500 wait in the connector's queue
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L, P1, 401L), Map.of(P0, 800L, P1, 401L), 1200L, 700))
                .isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L, P1, 401L), Map.of(P0, 800L, P1, 401L), 1200L, 1200))
                .isTrue();
    }

    @Test
    void aPartitionBehindItsTargetOrUnknownIsNotCaughtUp() {
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L, P1, 401L), Map.of(P0, 800L, P1, 400L), 10L, 10)).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L), Map.of(P0, 800L, P1, 401L), 10L, 10)).isFalse();
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L, P1, 401L), Map.of(P0, 800L), 10L, 10)).isFalse();
        // past the target (a transaction's marker or records written since) is fine
        assertThat(CatchUp.channelCaughtUp(Set.of(P0, P1), Map.of(P0, 800L, P1, 401L), Map.of(P0, 900L, P1, 402L), 10L, 10)).isTrue();
    }

    @Test
    void withoutTheConsumedMetricNothingIsEverCaughtUp() {
        assertThat(CatchUp.channelCaughtUp(Set.of(P0), Map.of(P0, 0L), Map.of(P0, 0L), null, 0)).isFalse();
    }

    @Test
    void handedOutIsTheClientWideTotalNotATopicsOrAnotherMetric() {
        MetricName clientWide = new MetricName(CatchUp.CONSUMED_METRIC, CatchUp.CONSUMED_GROUP, "", Map.of("client-id", "c"));
        MetricName perTopic = new MetricName(CatchUp.CONSUMED_METRIC, CatchUp.CONSUMED_GROUP, "",
                Map.of("client-id", "c", "topic", "acicni_node-addressing"));
        MetricName rate = new MetricName("records-consumed-rate", CatchUp.CONSUMED_GROUP, "", Map.of("client-id", "c"));
        assertThat(CatchUp.handedOut(Map.of(perTopic, metric(perTopic, 7), rate, metric(rate, 3), clientWide, metric(clientWide, 42))))
                .isEqualTo(42L);
        assertThat(CatchUp.handedOut(Map.of(perTopic, metric(perTopic, 7)))).isNull();
    }

    static KafkaMetric metric(MetricName name, double value) {
        CumulativeSum sum = new CumulativeSum(value);
        return new KafkaMetric(new Object(), name, sum, new MetricConfig(), Time.SYSTEM);
    }
}
