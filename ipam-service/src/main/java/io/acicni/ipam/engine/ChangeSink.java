package io.acicni.ipam.engine;

/** Where a batch's changes go: Kafka (one transaction) first, then Kubernetes. */
public interface ChangeSink {
    /**
     * Applies a batch. Must throw if the Kafka transaction fails (the engine is then restored); the
     * Kubernetes writes may be queued and done after this returns, but only after the commit.
     */
    void apply(Changes changes);
}
