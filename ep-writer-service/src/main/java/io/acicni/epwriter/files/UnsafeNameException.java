package io.acicni.epwriter.files;

/**
 * A part of a file name (pod uid, container id, veth name, service uid, node name) that could escape
 * its directory or break the {@code <pod-uid>_<container-id>_<veth>} layout. Names the field and the
 * offending value (control characters shown escaped).
 */
public class UnsafeNameException extends IllegalArgumentException {
    private final String field;
    private final String value;

    public UnsafeNameException(String field, String value, String problem) {
        super("field '" + field + "' " + problem + ", got '" + printable(value) + "'");
        this.field = field;
        this.value = value;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 300);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
