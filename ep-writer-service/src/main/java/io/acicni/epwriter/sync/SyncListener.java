package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;

/**
 * Receives what a sync pass did: the hooks for audit events, metrics and logs. Every hook does nothing
 * by default, so a listener implements only what it observes.
 */
public interface SyncListener {
    default void changed(String node, FileChange change) {
    }

    default void unchanged(String node, FileKind kind, int count) {
    }

    /** A file not written because a name part was unsafe; reported once until it goes away. */
    default void refused(String node, Refusal refusal) {
    }

    default void failed(String node, FileKind kind, String name, Exception error) {
    }

    default void counted(String node, FileKind kind, int files) {
    }

    SyncListener NONE = new SyncListener() {
    };
}
