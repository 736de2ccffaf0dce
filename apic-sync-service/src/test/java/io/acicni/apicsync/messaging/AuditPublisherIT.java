package io.acicni.apicsync.messaging;

import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apicsync.it.ApicEmulatorResource;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.kafka.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first pass on a large fabric writes thousands of objects, each with its audit event. With the
 * emitter's default buffer, a pass of 20,000 writes made {@code send} throw (SRMSG00034, insufficient
 * downstream requests) after the APIC writes had been made: the rest of its audits were lost.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ApicEmulatorResource.class)
@WithKubernetesTestServer
class AuditPublisherIT {
    static final int WRITES = 20_000;

    @Inject
    AuditPublisher audit;

    @Test
    void everyAuditOfAPassOfThousandsOfWritesIsPublished() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ApicPost> posts = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            posts.add(new ApicPost("uni/tn-audit-" + run + "-" + i, ApicObject.of("fvTenant"), "test pass " + run));
        }
        audit.changes(new ChangeSet(posts, List.of(), List.of()));

        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.get().bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.AUDIT.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < WRITES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith("apic/uni/tn-audit-" + run + "-")) {
                        seen.add(r.key());
                    }
                }
            }
        }
        assertThat(seen).hasSize(WRITES);
        assertThat(audit.notPublished()).isZero();
    }
}
