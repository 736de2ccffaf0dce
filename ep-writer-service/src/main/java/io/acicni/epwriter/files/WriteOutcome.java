package io.acicni.epwriter.files;

/** What a write did. */
public enum WriteOutcome {
    CREATED, CHANGED, UNCHANGED
}
