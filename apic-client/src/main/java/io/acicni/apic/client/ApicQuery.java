package io.acicni.apic.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Query options of an APIC read, kept in the order given and not percent-encoded (APIC wants
 * {@code "}, {@code (}, {@code ,} literally). {@link #toString()} is {@code ""} or {@code ?a=b&c=d}.
 */
public final class ApicQuery {

    private final List<String[]> params = new ArrayList<>();

    private ApicQuery() {
    }

    public static ApicQuery create() {
        return new ApicQuery();
    }

    /** {@code self} (default), {@code children} or {@code subtree}. */
    public ApicQuery queryTarget(String target) {
        return param("query-target", target);
    }

    public ApicQuery targetSubtreeClass(String... classes) {
        return param("target-subtree-class", String.join(",", classes));
    }

    /** {@code no} (default), {@code children} or {@code full}. */
    public ApicQuery rspSubtree(String mode) {
        return param("rsp-subtree", mode);
    }

    public ApicQuery rspSubtreeClass(String... classes) {
        return param("rsp-subtree-class", String.join(",", classes));
    }

    /** {@code query-target-filter}, e.g. {@code eq(fvSubnet.ip,"10.2.0.1/16")}. */
    public ApicQuery filter(String expression) {
        return param("query-target-filter", expression);
    }

    /** {@code all} (default), {@code naming-only} or {@code config-only}. */
    public ApicQuery rspPropInclude(String value) {
        return param("rsp-prop-include", value);
    }

    public ApicQuery param(String name, String value) {
        params.add(new String[] {name, value});
        return this;
    }

    /** {@code eq(<cls>.<attr>,"<value>")}. */
    public static String eq(String cls, String attr, String value) {
        return "eq(" + cls + "." + attr + ",\"" + value + "\")";
    }

    /** {@code wcard(<cls>.<attr>,"<regex>")}. */
    public static String wcard(String cls, String attr, String regex) {
        return "wcard(" + cls + "." + attr + ",\"" + regex + "\")";
    }

    /** {@code and(a,b,...)}. */
    public static String and(String... expressions) {
        return "and(" + String.join(",", expressions) + ")";
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (String[] p : params) {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }
}
