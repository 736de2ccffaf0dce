package io.acicni.events.topic;

import io.acicni.events.model.PodKey;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Places every {@code acicni.pod-addressing} record of one node on one partition: the partition is
 * murmur2 of the node name (the part of the key before the first '/'), so an ep-writer reads only its
 * node's partition. Records of the other topics are placed by murmur2 of the whole key, as Kafka's
 * default partitioner does for keyed records.
 *
 * <p>Consumers compute the same function with {@link #partitionForNode(String, int)}.
 */
public class NodePartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (partitions <= 0) {
            partitions = cluster.partitionsForTopic(topic).size();
        }
        return partition(topic, key == null ? null : key.toString(), keyBytes, partitions);
    }

    /** The partition of a record with this key on a topic with this many partitions. */
    public static int partition(String topic, String key, byte[] keyBytes, int partitions) {
        if (key == null && keyBytes == null) {
            throw new IllegalArgumentException("records on " + topic + " need a key");
        }
        if (Topic.POD_ADDRESSING.topicName().equals(topic)) {
            String text = key != null ? key : new String(keyBytes, StandardCharsets.UTF_8);
            return partitionForNode(PodKey.parse(text).node(), partitions);
        }
        byte[] bytes = keyBytes != null ? keyBytes : key.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
    }

    /** The {@code acicni.pod-addressing} partition holding a node's records. */
    public static int partitionForNode(String node, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(node.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
