package io.acicni.events.topic;

import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.VersionedEvent;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The topic catalogue: every topic the suite uses, its key, value type, cleanup policy, default
 * partition count and topic configuration. Provisioning (Strimzi KafkaTopic resources), the embedded
 * test broker and the services all read it from here.
 */
public enum Topic {
    NODE_ADDRESSING("acicni.node-addressing", KeyFormat.NODE_NAME, NodeAddressing.class,
            Set.of(NodeAddressing.SCHEMA_VERSION), CleanupPolicy.COMPACT, 3, null),
    POD_ADDRESSING("acicni.pod-addressing", KeyFormat.NODE_AND_POD_UID, PodAddressing.class,
            Set.of(PodAddressing.SCHEMA_VERSION), CleanupPolicy.COMPACT, 12, null),
    SERVICE_ADDRESSING("acicni.service-addressing", KeyFormat.NAMESPACE_AND_NAME, ServiceAddressing.class,
            Set.of(ServiceAddressing.SCHEMA_VERSION), CleanupPolicy.COMPACT, 3, null),
    AUDIT("acicni.audit", KeyFormat.SUBJECT, AuditEvent.class,
            Set.of(AuditEvent.SCHEMA_VERSION), CleanupPolicy.DELETE, 3, Duration.ofDays(7)),
    DLQ("acicni.dlq", KeyFormat.ORIGINAL_KEY, null, Set.of(), CleanupPolicy.DELETE, 1, Duration.ofDays(14));

    /** How long a tombstone stays readable on a compacted topic: a consumer down for less still sees the delete. */
    public static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);

    private final String topicName;
    private final KeyFormat keyFormat;
    private final Class<? extends VersionedEvent> valueType;
    private final Set<Integer> supportedSchemaVersions;
    private final CleanupPolicy cleanupPolicy;
    private final int partitions;
    private final Duration retention;

    Topic(String topicName, KeyFormat keyFormat, Class<? extends VersionedEvent> valueType, Set<Integer> versions,
          CleanupPolicy cleanupPolicy, int partitions, Duration retention) {
        this.topicName = topicName;
        this.keyFormat = keyFormat;
        this.valueType = valueType;
        this.supportedSchemaVersions = versions;
        this.cleanupPolicy = cleanupPolicy;
        this.partitions = partitions;
        this.retention = retention;
    }

    public String topicName() {
        return topicName;
    }

    public KeyFormat keyFormat() {
        return keyFormat;
    }

    /** The record type of the value, or null for the DLQ (original bytes). */
    public Class<? extends VersionedEvent> valueType() {
        return valueType;
    }

    public Set<Integer> supportedSchemaVersions() {
        return supportedSchemaVersions;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** Default partition count; a deployment may choose more, never fewer for pod addressing. */
    public int partitions() {
        return partitions;
    }

    /** Retention of a delete-policy topic; empty for compacted topics. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** The CloudEvents {@code ce_type} of the topic's records, e.g. {@code io.acicni.pod-addressing.v1}. */
    public String cloudEventType(int schemaVersion) {
        return "io." + topicName + ".v" + schemaVersion;
    }

    /** Kafka's default for the largest record batch a topic takes ({@code message.max.bytes}). */
    public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
    /**
     * The largest service addressing value ipam publishes: every endpoint of a service is in its one
     * record; ~55,000 endpoint entries fit (~147 bytes each: ~28,000 dual-stack pods, one entry per family). A larger one is refused with a
     * Warning on the Service (docs/ipam.md), never sent: a record over the limit would fail the whole
     * transaction it is in.
     */
    public static final int SERVICE_RECORD_LIMIT_BYTES = 8 * 1024 * 1024;
    /** Room above a record's value for its key, headers and the batch's framing. */
    public static final int RECORD_FRAMING_BYTES = 64 * 1024;

    /**
     * The largest record batch the topic takes: {@link #SERVICE_RECORD_LIMIT_BYTES} plus framing for
     * the service topic and the DLQ (which copies any record a consumer rejects), Kafka's default for
     * the others.
     */
    public int maxMessageBytes() {
        return this == SERVICE_ADDRESSING || this == DLQ ? SERVICE_RECORD_LIMIT_BYTES + RECORD_FRAMING_BYTES : KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
    }

    /** The largest {@link #maxMessageBytes()} of any topic: a producer's {@code max.request.size}. */
    public static int largestMessageBytes() {
        return Arrays.stream(values()).mapToInt(Topic::maxMessageBytes).max().orElseThrow();
    }

    /** The topic-level configuration to create the topic with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        if (maxMessageBytes() != KAFKA_DEFAULT_MAX_MESSAGE_BYTES) {
            configs.put("max.message.bytes", Integer.toString(maxMessageBytes()));
        }
        if (cleanupPolicy == CleanupPolicy.COMPACT) {
            configs.put("delete.retention.ms", Long.toString(TOMBSTONE_RETENTION.toMillis()));
            configs.put("min.cleanable.dirty.ratio", "0.1");
            configs.put("segment.ms", Long.toString(Duration.ofHours(1).toMillis()));
        } else {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        return configs;
    }

    /** The catalogue entry of a topic name. */
    public static Optional<Topic> byName(String topicName) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(topicName)).findFirst();
    }
}
