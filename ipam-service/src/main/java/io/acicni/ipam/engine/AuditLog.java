package io.acicni.ipam.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.serde.EventSerde;

import java.time.Clock;

/** Builds audit events for ipam: who (this instance), what, before, after, why, when. */
public final class AuditLog {
    private final String actor;
    private final Clock clock;

    public AuditLog(String actor, Clock clock) {
        this.actor = actor;
        this.clock = clock;
    }

    public AuditEvent event(String subject, String action, Object before, Object after, String reason) {
        return new AuditEvent(subject, actor, action, tree(before), tree(after), reason, clock.instant());
    }

    private static JsonNode tree(Object value) {
        return value == null ? null : EventSerde.get().mapper().valueToTree(value);
    }
}
