package io.acicni.deploy.manifest;

import io.acicni.events.topic.Topic;
import java.util.Arrays;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strimzi {@code KafkaTopic} resources for the suite's topics, straight from the events module's
 * topic catalogue (names, partitions, cleanup policy and the rest of each topic's configuration).
 */
public final class KafkaTopicManifests {
    static final String API_VERSION = "kafka.strimzi.io/v1beta2";
    static final String KIND = "KafkaTopic";

    private KafkaTopicManifests() {
    }

    static List<GenericKubernetesResource> all(ManifestContext ctx) {
        return Arrays.stream(Topic.values()).map(t -> topic(ctx.kafka(), t)).toList();
    }

    private static GenericKubernetesResource topic(KafkaSettings kafka, Topic topic) {
        Map<String, String> labels = Labels.common();
        labels.put("strimzi.io/cluster", kafka.cluster());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic.topicName());
        spec.put("partitions", topic.partitions());
        spec.put("replicas", kafka.replicas());
        spec.put("config", new LinkedHashMap<>(topic.configs()));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata()
                    .withName(topic.topicName())
                    .withNamespace(kafka.namespace())
                    .withLabels(labels)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
