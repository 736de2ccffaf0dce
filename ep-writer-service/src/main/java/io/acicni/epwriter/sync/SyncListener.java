package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;

/** Receives what a sync pass did: the hooks for audit events, metrics and logs. */
public interface SyncListener {
    void changed(String node, FileChange change);

    void unchanged(String node, FileKind kind, int count);

    /** A file not written because a name part was unsafe; reported once until it goes away. */
    void refused(String node, Refusal refusal);

    void failed(String node, FileKind kind, String name, Exception error);

    void counted(String node, FileKind kind, int files);

    SyncListener NONE = new SyncListener() {
        @Override
        public void changed(String node, FileChange change) {
        }

        @Override
        public void unchanged(String node, FileKind kind, int count) {
        }

        @Override
        public void refused(String node, Refusal refusal) {
        }

        @Override
        public void failed(String node, FileKind kind, String name, Exception error) {
        }

        @Override
        public void counted(String node, FileKind kind, int files) {
        }
    };
}
