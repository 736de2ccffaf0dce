package io.acicni.events.serde;

/**
 * A record that does not satisfy its contract: malformed JSON, a missing or invalid field, an
 * unknown schema version. Always names the field (a dotted path such as {@code addresses[1].gateway};
 * {@code $} for the whole record) so the DLQ entry and the log line say exactly what was wrong.
 */
public class InvalidEventException extends RuntimeException {
    private final String field;
    private final String problem;

    public InvalidEventException(String field, String problem) {
        super(describe(field, problem));
        this.field = field;
        this.problem = problem;
    }

    /** The dotted path of the offending field, {@code $} for the record itself, null if unknown. */
    public String field() {
        return field;
    }

    /** What is wrong with the field, without the field name. */
    public String problem() {
        return problem;
    }

    /** A copy whose field path is prefixed with the path of the enclosing object. */
    public InvalidEventException under(String parentPath) {
        if (parentPath == null || parentPath.isEmpty()) {
            return this;
        }
        String joined = field == null || field.isEmpty() ? parentPath
                : field.startsWith("[") ? parentPath + field : parentPath + "." + field;
        InvalidEventException copy = this instanceof UnknownSchemaVersionException u
                ? new UnknownSchemaVersionException(joined, u.version(), u.supported())
                : new InvalidEventException(joined, problem);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    private static String describe(String field, String problem) {
        return field == null ? problem : "field '" + field + "' " + problem;
    }
}
