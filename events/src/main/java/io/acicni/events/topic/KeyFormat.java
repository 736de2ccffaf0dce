package io.acicni.events.topic;

/** How a topic's record key is formed. */
public enum KeyFormat {
    NODE_NAME("<node>"),
    NODE_AND_POD_UID("<node>/<pod-uid>"),
    NAMESPACE_AND_NAME("<namespace>/<name>"),
    SUBJECT("<subject>"),
    ORIGINAL_KEY("<key of the failed record>");

    private final String pattern;

    KeyFormat(String pattern) {
        this.pattern = pattern;
    }

    /** The key pattern as documented, e.g. {@code <node>/<pod-uid>}. */
    public String pattern() {
        return pattern;
    }
}
