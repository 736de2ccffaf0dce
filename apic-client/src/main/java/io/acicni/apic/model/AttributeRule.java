package io.acicni.apic.model;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** What values one attribute of one APIC class accepts, and its default. */
public final class AttributeRule {

    private static final Pattern PREFIX = Pattern.compile("[0-9A-Fa-f.:]+/\\d{1,3}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]+");
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern UNSIGNED = Pattern.compile("\\d+");

    private enum Kind { ANY, ENUM, LIST, PREFIX, ADDRESS, MAC, UNSIGNED }

    private final Kind kind;
    private final Set<String> allowed;
    private final String defaultValue;

    private AttributeRule(Kind kind, Set<String> allowed, String defaultValue) {
        this.kind = kind;
        this.allowed = allowed;
        this.defaultValue = defaultValue;
    }

    /** Any string. */
    public static AttributeRule any(String defaultValue) {
        return new AttributeRule(Kind.ANY, Set.of(), defaultValue);
    }

    /** One of the given values. */
    public static AttributeRule oneOf(String defaultValue, String... values) {
        return new AttributeRule(Kind.ENUM, new LinkedHashSet<>(Arrays.asList(values)), defaultValue);
    }

    /** {@code yes} or {@code no}. */
    public static AttributeRule yesNo(String defaultValue) {
        return oneOf(defaultValue, "yes", "no");
    }

    /** A comma-separated list of the given values (order does not matter, empty allowed). */
    public static AttributeRule listOf(String defaultValue, String... values) {
        return new AttributeRule(Kind.LIST, new LinkedHashSet<>(Arrays.asList(values)), defaultValue);
    }

    /** An address with prefix length, e.g. {@code 10.2.0.1/16} or {@code 1:2:1:1::1/64}. */
    public static AttributeRule prefix() {
        return new AttributeRule(Kind.PREFIX, Set.of(), null);
    }

    /** An IPv4 or IPv6 address, optionally with prefix length. */
    public static AttributeRule address() {
        return new AttributeRule(Kind.ADDRESS, Set.of(), null);
    }

    /** A MAC address {@code AA:BB:CC:DD:EE:FF}. */
    public static AttributeRule mac() {
        return new AttributeRule(Kind.MAC, Set.of(), null);
    }

    /** A decimal number. */
    public static AttributeRule unsigned(String defaultValue) {
        return new AttributeRule(Kind.UNSIGNED, Set.of(), defaultValue);
    }

    /** The value APIC assumes when the attribute is not given, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** True when values are comma lists whose order does not matter. */
    public boolean isList() {
        return kind == Kind.LIST;
    }

    /** True when {@code value} is acceptable. */
    public boolean accepts(String value) {
        switch (kind) {
            case ENUM:
                return allowed.contains(value);
            case LIST:
                if (value.isEmpty()) {
                    return true;
                }
                for (String item : value.split(",")) {
                    if (!allowed.contains(item.trim())) {
                        return false;
                    }
                }
                return true;
            case PREFIX:
                return PREFIX.matcher(value).matches() && (value.contains(".") || value.contains(":"));
            case ADDRESS:
                return ADDRESS.matcher(value.contains("/") ? value.substring(0, value.indexOf('/')) : value).matches()
                        && (value.contains(".") || value.contains(":"));
            case MAC:
                return MAC.matcher(value).matches();
            case UNSIGNED:
                return UNSIGNED.matcher(value).matches();
            default:
                return true;
        }
    }

    /** Compares two values the way APIC stores them (lists as sets). */
    public boolean sameValue(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (kind == Kind.LIST) {
            return items(a).equals(items(b));
        }
        if (kind == Kind.MAC) {
            return a.equalsIgnoreCase(b);
        }
        return a.equals(b);
    }

    private static Set<String> items(String value) {
        Set<String> set = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                set.add(item.trim());
            }
        }
        return set;
    }
}
