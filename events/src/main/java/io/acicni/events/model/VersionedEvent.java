package io.acicni.events.model;

/**
 * A record published on one of the catalogue's topics. Every record carries the schema version it
 * was written with; a reader refuses versions it does not know (the record goes to the DLQ).
 */
public interface VersionedEvent {
    /** The schema version written in the record. */
    int schemaVersion();
}
