package io.acicni.apic.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this project knows about one APIC class: how its relative name is formed from naming
 * attributes, which attributes it has (with rules and defaults), and whether it may be deleted.
 */
public final class ApicClassMeta {

    /** Attributes every class carries or accepts. */
    public static final Set<String> COMMON_ATTRIBUTES = Set.of("dn", "rn", "status", "annotation", "descr",
            "nameAlias", "childAction", "modTs", "lcOwn", "uid", "userdom", "extMngdBy", "ownerKey", "ownerTag");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");

    private final String name;
    private final String rnFormat;
    private final List<String> namingAttributes;
    private final Map<String, AttributeRule> attributes;
    private final boolean strict;
    private final boolean deletable;
    private final Set<String> writeOnly;

    private ApicClassMeta(Builder b) {
        this.name = b.name;
        this.rnFormat = b.rnFormat;
        List<String> naming = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(b.rnFormat);
        while (m.find()) {
            naming.add(m.group(1));
        }
        this.namingAttributes = List.copyOf(naming);
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.strict = b.strict;
        this.deletable = b.deletable;
        this.writeOnly = Set.copyOf(b.writeOnly);
    }

    /** Starts the description of class {@code name} whose rn follows {@code rnFormat}, e.g. {@code subnet-[{ip}]}. */
    public static Builder builder(String name, String rnFormat) {
        return new Builder(name, rnFormat);
    }

    public String name() {
        return name;
    }

    public String rnFormat() {
        return rnFormat;
    }

    public List<String> namingAttributes() {
        return namingAttributes;
    }

    /** Known attributes with their rules (naming attributes included). */
    public Map<String, AttributeRule> attributes() {
        return attributes;
    }

    /** True when attributes outside {@link #attributes()} and {@link #COMMON_ATTRIBUTES} are rejected. */
    public boolean strict() {
        return strict;
    }

    /** False for relation objects APIC keeps for the life of their parent (e.g. {@code fvRsCtx}). */
    public boolean deletable() {
        return deletable;
    }

    /** True for attributes APIC accepts but never returns (e.g. {@code aaaUser.pwd}). */
    public boolean isWriteOnly(String attribute) {
        return writeOnly.contains(attribute);
    }

    /** The relative name for these attributes, or empty when a naming attribute is missing. */
    public Optional<String> rn(Map<String, String> attrs) {
        Matcher m = PLACEHOLDER.matcher(rnFormat);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = attrs.get(m.group(1));
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return Optional.of(sb.toString());
    }

    /** The default value of an attribute, or null. */
    public String defaultValue(String attribute) {
        AttributeRule rule = attributes.get(attribute);
        return rule == null ? null : rule.defaultValue();
    }

    /**
     * Checks one attribute; returns the problem in APIC's words, or empty when the value is fine.
     */
    public Optional<ApicError> validate(String dn, String attribute, String value) {
        AttributeRule rule = attributes.get(attribute);
        if (rule == null) {
            if (strict && !COMMON_ATTRIBUTES.contains(attribute)) {
                return Optional.of(new ApicError("100",
                        "Validation failed: unknown attribute " + attribute + " in element " + name));
            }
            return Optional.empty();
        }
        if (!rule.accepts(value)) {
            return Optional.of(new ApicError("801",
                    "property " + attribute + " of " + dn + " failed validation for value '" + value + "'"));
        }
        return Optional.empty();
    }

    /** Compares a desired value with an existing one, applying the default on either side. */
    public boolean sameValue(String attribute, String desired, String existing) {
        AttributeRule rule = attributes.get(attribute);
        String def = rule == null ? null : rule.defaultValue();
        String a = desired == null ? def : desired;
        String b = existing == null ? def : existing;
        if (a == null) {
            a = "";
        }
        if (b == null) {
            b = "";
        }
        return rule == null ? a.equals(b) : rule.sameValue(a, b);
    }

    /** Builder for {@link ApicClassMeta}. */
    public static final class Builder {
        private final String name;
        private final String rnFormat;
        private final Map<String, AttributeRule> attributes = new LinkedHashMap<>();
        private boolean strict;
        private boolean deletable = true;
        private final List<String> writeOnly = new ArrayList<>();

        private Builder(String name, String rnFormat) {
            this.name = name;
            this.rnFormat = rnFormat;
            Matcher m = PLACEHOLDER.matcher(rnFormat);
            while (m.find()) {
                attributes.put(m.group(1), AttributeRule.any(null));
            }
        }

        public Builder attr(String attribute, AttributeRule rule) {
            attributes.put(attribute, rule);
            return this;
        }

        public Builder attrs(String... names) {
            for (String n : names) {
                attributes.putIfAbsent(n, AttributeRule.any(null));
            }
            return this;
        }

        public Builder writeOnly(String attribute) {
            writeOnly.add(attribute);
            attributes.putIfAbsent(attribute, AttributeRule.any(null));
            return this;
        }

        /** Reject attributes that are not declared. */
        public Builder strict() {
            this.strict = true;
            return this;
        }

        public Builder notDeletable() {
            this.deletable = false;
            return this;
        }

        public ApicClassMeta build() {
            return new ApicClassMeta(this);
        }
    }
}
