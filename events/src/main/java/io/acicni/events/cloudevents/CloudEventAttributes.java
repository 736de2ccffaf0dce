package io.acicni.events.cloudevents;

import java.time.Instant;

/** The CloudEvents attributes read back from a record's headers. */
public record CloudEventAttributes(String id, String type, String source, String subject, Instant time) {
}
