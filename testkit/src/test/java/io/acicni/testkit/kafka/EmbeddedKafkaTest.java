package io.acicni.testkit.kafka;

import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaTest {

    @Test
    void catalogueTopicsExistWithTheirSettings(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(Topic.POD_ADDRESSING.topicName(), Topic.AUDIT.topicName())).allTopicNames().get();
            assertThat(topics.get(Topic.POD_ADDRESSING.topicName()).partitions()).hasSize(Topic.POD_ADDRESSING.partitions());
            ConfigResource pod = new ConfigResource(ConfigResource.Type.TOPIC, Topic.POD_ADDRESSING.topicName());
            ConfigResource audit = new ConfigResource(ConfigResource.Type.TOPIC, Topic.AUDIT.topicName());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(pod, audit)).all().get();
            assertThat(configs.get(pod).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(audit).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(audit).get("retention.ms").value()).isEqualTo("604800000");
        }
    }

    /**
     * The broker runs with the short transaction-verification backoff (a misspelt key would only be
     * logged as unknown, and back-to-back transactions would wait 20 ms again).
     */
    @Test
    void theBrokerRetriesATransactionsVerificationAfterOneMillisecond(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
            assertThat(config.get(EmbeddedKafka.TXN_VERIFICATION_BACKOFF).value()).isEqualTo("1");
        }
    }

    @Test
    void recordsOfANodeLandOnItsPartitionAndComeBack(EmbeddedKafka kafka) throws Exception {
        String node = "node-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName());
        int expected = NodePartitioner.partitionForNode(node, Topic.POD_ADDRESSING.partitions());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                RecordMetadata md = producer.send(new ProducerRecord<>(Topic.POD_ADDRESSING.topicName(), node + "/uid-" + i, "v" + i)).get();
                assertThat(md.partition()).isEqualTo(expected);
            }
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topic.POD_ADDRESSING.topicName(), expected);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < 5 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().startsWith(node + "/")) {
                        values.add(r.value());
                    }
                }
            }
            assertThat(values).containsExactly("v0", "v1", "v2", "v3", "v4");
        }
    }

    @Test
    void aRestartedBrokerKeepsItsData(@TempDir Path dir) throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        try (EmbeddedKafka first = EmbeddedKafka.start(dir, false, 0)) {
            first.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)));
        }
        try (EmbeddedKafka second = EmbeddedKafka.start(dir, false, 0); Admin admin = second.admin()) {
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
    }
}
