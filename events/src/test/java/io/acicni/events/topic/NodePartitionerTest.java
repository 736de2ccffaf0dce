package io.acicni.events.topic;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodePartitionerTest {
    private static final String POD = Topic.POD_ADDRESSING.topicName();

    @Test
    void everyPodOfANodeLandsOnTheNodesPartition() {
        for (int n = 0; n < 200; n++) {
            String node = "worker-" + n;
            int expected = NodePartitioner.partitionForNode(node, 12);
            for (int p = 0; p < 20; p++) {
                assertThat(NodePartitioner.partition(POD, node + "/uid-" + p, null, 12)).isEqualTo(expected);
            }
        }
    }

    @Test
    void nodesSpreadOverPartitions() {
        Set<Integer> used = new HashSet<>();
        for (int n = 0; n < 200; n++) {
            used.add(NodePartitioner.partitionForNode("worker-" + n, 12));
        }
        assertThat(used).hasSize(12);
    }

    @Test
    void nodePartitionIsKafkasDefaultPartitionOfTheNodeName() {
        byte[] node = "worker-7".getBytes(StandardCharsets.UTF_8);
        assertThat(NodePartitioner.partitionForNode("worker-7", 12)).isEqualTo(BuiltInPartitioner.partitionForKey(node, 12));
    }

    @Test
    void otherTopicsUseKafkasDefaultForTheWholeKey() {
        String key = "default/web";
        assertThat(NodePartitioner.partition(Topic.SERVICE_ADDRESSING.topicName(), key, null, 3))
                .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 3));
    }

    @Test
    void podKeyWithoutNodeIsRefused() {
        assertThatThrownBy(() -> NodePartitioner.partition(POD, "no-slash", null, 12)).hasMessageContaining("<node>/<pod-uid>");
        assertThatThrownBy(() -> NodePartitioner.partition(POD, null, null, 12)).hasMessageContaining("need a key");
    }
}
