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

    /**
     * The catalogue's configuration plus, with three or more replicas, {@code min.insync.replicas} of a
     * majority: every producer of the suite sends with {@code acks=all}, which without it is satisfied
     * by the leader alone when the other replicas have fallen out of sync, and a write acknowledged by
     * one broker is lost with it. Fewer replicas keep Kafka's default (1), so one broker down does not
     * stop every write.
     */
    static Map<String, String> config(Topic topic, int replicas) {
        Map<String, String> config = new LinkedHashMap<>(topic.configs());
        if (replicas >= 3) {
            config.put("min.insync.replicas", Integer.toString(replicas / 2 + 1));
        }
        return config;
    }

    private static GenericKubernetesResource topic(KafkaSettings kafka, Topic topic) {
        Map<String, String> labels = Labels.common();
        labels.put("strimzi.io/cluster", kafka.cluster());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("topicName", topic.topicName());
        spec.put("partitions", topic.partitions());
        spec.put("replicas", kafka.replicas());
        spec.put("config", config(topic, kafka.replicas()));
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
