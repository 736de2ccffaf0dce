package io.acicni.events.model;

import io.acicni.events.serde.InvalidEventException;

/**
 * The key of {@code acicni.pod-addressing}: {@code <node>/<pod-uid>}. Node names are DNS subdomains
 * and cannot hold '/', so the first '/' separates the two parts.
 */
public record PodKey(String node, String podUid) {

    public PodKey {
        if (node == null || node.isEmpty() || node.indexOf('/') >= 0) {
            throw new InvalidEventException("key.node", "must be a non-empty node name without '/', got '" + node + "'");
        }
        if (podUid == null || podUid.isEmpty()) {
            throw new InvalidEventException("key.podUid", "must be a non-empty pod uid");
        }
    }

    public static String of(String node, String podUid) {
        return new PodKey(node, podUid).toString();
    }

    /** Parses {@code <node>/<pod-uid>}. */
    public static PodKey parse(String key) {
        if (key == null) {
            throw new InvalidEventException("key", "is required on acicni.pod-addressing");
        }
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new InvalidEventException("key", "must be '<node>/<pod-uid>', got '" + key + "'");
        }
        return new PodKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return node + "/" + podUid;
    }
}
