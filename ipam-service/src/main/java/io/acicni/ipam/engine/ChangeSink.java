package io.acicni.ipam.engine;

/** Where a batch's changes go: Kafka (one transaction) first, then Kubernetes. */
public interface ChangeSink {
    /**
     * Applies a batch. Must throw if the Kafka transaction fails (the batch is then retried); a failed
     * Kubernetes write is returned as keys to process again.
     */
    java.util.List<WorkKey> apply(Changes changes);
}
