package io.acicni.deploy.manifest;

/**
 * The Strimzi Kafka cluster the suite uses.
 *
 * @param cluster   name of the Strimzi {@code Kafka} resource (label {@code strimzi.io/cluster})
 * @param namespace namespace of the Kafka cluster, where KafkaTopic resources must live
 * @param replicas  replication factor of the topics
 * @param bootstrap bootstrap servers the services connect to
 */
public record KafkaSettings(String cluster, String namespace, int replicas, String bootstrap) {
    public static KafkaSettings of(String cluster, String namespace, int replicas, String bootstrap) {
        String servers = bootstrap != null ? bootstrap
                : cluster + "-kafka-bootstrap." + namespace + ".svc:9092";
        return new KafkaSettings(cluster, namespace, replicas, servers);
    }
}
