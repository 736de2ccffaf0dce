package io.acicni.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * Value of {@code acicni.audit} (key: the subject): who changed which address, file or fabric
 * object, when and why.
 *
 * @param subject what changed, e.g. {@code pod/default/web-1}, {@code node/worker-1},
 *                {@code apic/uni/tn-k8s/BD-pod-bd/subnet-[10.2.0.1/16]}, {@code file/worker-1/<name>.ep}
 * @param actor   who: service and instance, e.g. {@code ipam-service/ipam-7d9f-x2}
 * @param action  what, a dotted verb, e.g. {@code pod.allocated}, {@code pod.released}, {@code chunk.assigned},
 *                {@code lb.refused}, {@code apic.post}, {@code apic.delete}, {@code file.created},
 *                {@code file.changed}, {@code file.removed}, {@code file.refused} (every action: docs/events.md)
 * @param before  state before (any JSON), null when created
 * @param after   state after (any JSON), null when removed
 * @param reason  why, in words a network engineer understands
 * @param time    when
 */
@JsonPropertyOrder({"schemaVersion", "subject", "actor", "action", "before", "after", "reason", "time"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(@JsonProperty(required = true) int schemaVersion,
                         @JsonProperty(required = true) String subject,
                         @JsonProperty(required = true) String actor,
                         @JsonProperty(required = true) String action,
                         JsonNode before,
                         JsonNode after,
                         String reason,
                         @JsonProperty(required = true) Instant time) implements VersionedEvent {
    public static final int SCHEMA_VERSION = 1;

    public AuditEvent {
        Require.text(subject, "subject");
        Require.text(actor, "actor");
        Require.text(action, "action");
        Require.present(time, "time");
    }

    public AuditEvent(String subject, String actor, String action, JsonNode before, JsonNode after, String reason, Instant time) {
        this(SCHEMA_VERSION, subject, actor, action, before, after, reason, time);
    }
}
