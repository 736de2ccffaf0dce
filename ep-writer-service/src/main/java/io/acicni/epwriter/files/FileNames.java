package io.acicni.epwriter.files;

import java.util.regex.Pattern;

/**
 * Validation of everything that becomes part of a file name. Each part has its own character set and
 * length limit; none admits '/', '\', NUL, '..' or '_' (the separator of {@code .ep} names), so a
 * validated name always stays inside its directory and splits back into its three parts.
 */
public final class FileNames {
    /** Kubernetes object UIDs are RFC 4122 UUIDs; letters, digits and '-' up to 64 are accepted. */
    static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    /** Container runtimes use 64 hex digits; letters and digits up to 128 are accepted. */
    static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9]{1,128}");
    /** Linux interface names: at most 15 bytes (IFNAMSIZ - 1); letters, digits, '-' and '.'. */
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,14}");
    /** Kubernetes node names are DNS subdomains: lower-case letters, digits, '-' and '.', up to 253. */
    static final Pattern NODE = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private FileNames() {
    }

    public static String podUid(String value) {
        return check("podUid", value, UID, "must be 1-64 letters, digits or '-' (a Kubernetes UID)");
    }

    public static String serviceUid(String value) {
        return check("service.uid", value, UID, "must be 1-64 letters, digits or '-' (a Kubernetes UID)");
    }

    public static String containerId(String value) {
        return check("containerId", value, CONTAINER_ID, "must be 1-128 letters or digits");
    }

    public static String interfaceName(String field, String value) {
        String checked = check(field, value, INTERFACE, "must be a Linux interface name: 1-15 letters, digits, '-' or '.', not starting with '-' or '.'");
        if (checked.contains("..")) {
            throw new UnsafeNameException(field, value, "must not contain '..'");
        }
        return checked;
    }

    public static String nodeName(String value) {
        String checked = check("node", value, NODE, "must be a DNS subdomain: 1-253 lower-case letters, digits, '-' or '.'");
        if (checked.contains("..")) {
            throw new UnsafeNameException("node", value, "must not contain '..'");
        }
        return checked;
    }

    private static String check(String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            throw new UnsafeNameException(field, value, "is required");
        }
        if (value.indexOf('\0') >= 0) {
            throw new UnsafeNameException(field, value, "must not contain NUL");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new UnsafeNameException(field, value, "must not contain a path separator");
        }
        if (!matches(pattern, value)) {
            throw new UnsafeNameException(field, value, rule);
        }
        return value;
    }

    /**
     * {@code pattern.matcher(value).matches()}, with the three patterns checked on every CNI call and
     * pass done by a loop over the characters (a regex match per name part was a visible share of a
     * CNI ADD); {@code FileNamesTest} checks that both agree.
     */
    static boolean matches(Pattern pattern, String value) {
        if (pattern == UID) {
            return lettersDigitsAnd(value, '-', '-', 64);
        }
        if (pattern == CONTAINER_ID) {
            return lettersDigitsAnd(value, (char) 0, (char) 0, 128);
        }
        if (pattern == INTERFACE) {
            return lettersDigitsAnd(value, '-', '.', 15);
        }
        return pattern.matcher(value).matches();
    }

    /** 1..max characters, ASCII letters or digits, later ones also {@code extra1}/{@code extra2} (0: none). */
    private static boolean lettersDigitsAnd(String value, char extra1, char extra2, int max) {
        int n = value.length();
        if (n == 0 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (i > 0 && c != 0 && (c == extra1 || c == extra2));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
