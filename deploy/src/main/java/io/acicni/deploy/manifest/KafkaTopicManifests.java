package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strimzi {@code KafkaTopic} resources for the suite's topics.
 *
 * <p>TODO(events): this table must switch to the topic catalogue of module {@code events}
 * ({@code io.acicni.events.topic.Topic}) once that is merged; it is kept here, in this one class,
 * so that deploy does not depend on unmerged code.
 */
public final class KafkaTopicManifests {
    static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    static final String KIND = "KafkaTopic";
    static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;

    /** One topic: name, partitions and its Kafka topic configuration. */
    record TopicSpec(String name, int partitions, Map<String, String> config) {
    }

    static final List<TopicSpec> TOPICS = List.of(
            new TopicSpec("acicni.node-addressing", 3, Map.of("cleanup.policy", "compact")),
            new TopicSpec("acicni.pod-addressing", 12, Map.of("cleanup.policy", "compact")),
            new TopicSpec("acicni.service-addressing", 3, Map.of("cleanup.policy", "compact")),
            new TopicSpec("acicni.audit", 3, orderedConfig("delete", SEVEN_DAYS_MS)),
            new TopicSpec("acicni.dlq", 1, Map.of("cleanup.policy", "delete")));

    private KafkaTopicManifests() {
    }

    private static Map<String, String> orderedConfig(String policy, long retentionMs) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("cleanup.policy", policy);
        config.put("retention.ms", Long.toString(retentionMs));
        return config;
    }

    static List<GenericKubernetesResource> all(ManifestContext ctx) {
        return TOPICS.stream().map(t -> topic(ctx.kafka(), t)).toList();
    }

    private static GenericKubernetesResource topic(KafkaSettings kafka, TopicSpec topic) {
        Map<String, String> labels = Labels.common();
        labels.put("strimzi.io/cluster", kafka.cluster());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic.name());
        spec.put("partitions", topic.partitions());
        spec.put("replicas", kafka.replicas());
        spec.put("config", new LinkedHashMap<>(topic.config()));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata()
                    .withName(topic.name())
                    .withNamespace(kafka.namespace())
                    .withLabels(labels)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
