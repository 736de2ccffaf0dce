package io.acicni.deploy.audit;

import io.acicni.events.model.AuditEvent;

/** An audit event with where it was read: partition and offset. */
public record AuditRecord(AuditEvent event, int partition, long offset) {
}
