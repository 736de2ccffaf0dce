package io.acicni.events.topic;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Keep the latest record per key; a null value (tombstone) deletes the key. State topics. */
    COMPACT("compact"),
    /** Delete records older than the retention. Event streams (audit, DLQ). */
    DELETE("delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
