package io.acicni.events.topic;

import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopicTest {

    @Test
    void catalogueNamesKeysAndValues() {
        assertThat(Topic.values()).extracting(Topic::topicName).containsExactly(
                "acicni.node-addressing", "acicni.pod-addressing", "acicni.service-addressing", "acicni.audit", "acicni.dlq");
        assertThat(Topic.NODE_ADDRESSING.keyFormat().pattern()).isEqualTo("<node>");
        assertThat(Topic.POD_ADDRESSING.keyFormat().pattern()).isEqualTo("<node>/<pod-uid>");
        assertThat(Topic.SERVICE_ADDRESSING.keyFormat().pattern()).isEqualTo("<namespace>/<name>");
        assertThat(Topic.AUDIT.keyFormat().pattern()).isEqualTo("<subject>");
        assertThat(Topic.NODE_ADDRESSING.valueType()).isEqualTo(NodeAddressing.class);
        assertThat(Topic.POD_ADDRESSING.valueType()).isEqualTo(PodAddressing.class);
        assertThat(Topic.SERVICE_ADDRESSING.valueType()).isEqualTo(ServiceAddressing.class);
        assertThat(Topic.AUDIT.valueType()).isEqualTo(AuditEvent.class);
        assertThat(Topic.DLQ.valueType()).isNull();
    }

    @Test
    void stateTopicsAreCompactedAndStreamsExpire() {
        assertThat(Topic.NODE_ADDRESSING.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topic.POD_ADDRESSING.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topic.SERVICE_ADDRESSING.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topic.AUDIT.configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "604800000");
        assertThat(Topic.DLQ.configs()).containsEntry("cleanup.policy", "delete");
        assertThat(Topic.POD_ADDRESSING.configs()).containsEntry("cleanup.policy", "compact")
                .containsEntry("delete.retention.ms", "86400000").doesNotContainKey("retention.ms");
    }

    @Test
    void theServiceTopicAndTheDlqTakeLargeRecordsAndTheProducerLimitCoversThem() {
        int large = Topic.SERVICE_RECORD_LIMIT_BYTES + Topic.RECORD_FRAMING_BYTES;
        assertThat(Topic.SERVICE_ADDRESSING.configs()).containsEntry("max.message.bytes", Integer.toString(large));
        assertThat(Topic.DLQ.configs()).containsEntry("max.message.bytes", Integer.toString(large));
        assertThat(Topic.POD_ADDRESSING.configs()).doesNotContainKey("max.message.bytes");
        assertThat(Topic.largestMessageBytes()).isEqualTo(large);
    }

    @Test
    void cloudEventTypeCarriesTheVersion() {
        assertThat(Topic.POD_ADDRESSING.cloudEventType(1)).isEqualTo("io.acicni.pod-addressing.v1");
    }

    @Test
    void lookupByName() {
        assertThat(Topic.byName("acicni.audit")).contains(Topic.AUDIT);
        assertThat(Topic.byName("nope")).isEmpty();
        assertThat(Map.of()).isEmpty();
    }
}
