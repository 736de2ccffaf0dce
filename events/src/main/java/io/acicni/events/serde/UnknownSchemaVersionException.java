package io.acicni.events.serde;

import java.util.Set;

/** A record written with a schema version this reader does not know. */
public class UnknownSchemaVersionException extends InvalidEventException {
    private final int version;
    private final Set<Integer> supported;

    public UnknownSchemaVersionException(String field, int version, Set<Integer> supported) {
        super(field, "has unknown schema version " + version + " (this reader knows " + supported + ")");
        this.version = version;
        this.supported = Set.copyOf(supported);
    }

    public int version() {
        return version;
    }

    public Set<Integer> supported() {
        return supported;
    }
}
