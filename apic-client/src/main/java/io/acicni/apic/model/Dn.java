package io.acicni.apic.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Distinguished-name helpers. A DN is a sequence of relative names joined by {@code /}; a slash
 * inside square brackets (IP prefixes, nested DNs such as {@code rsdomP-[uni/vmmp-Kubernetes/dom-kube]})
 * does not separate relative names.
 */
public final class Dn {

    private Dn() {
    }

    /** Splits a DN into its relative names, honouring (nested) brackets. */
    public static List<String> split(String dn) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (depth > 0) {
                    depth--;
                }
            } else if (c == '/' && depth == 0) {
                parts.add(dn.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(dn.substring(start));
        return parts;
    }

    /** The DN of the parent, or the empty string for a top-level DN such as {@code uni}. */
    public static String parent(String dn) {
        int cut = lastSeparator(dn);
        return cut < 0 ? "" : dn.substring(0, cut);
    }

    /** The last relative name of a DN. */
    public static String rn(String dn) {
        int cut = lastSeparator(dn);
        return cut < 0 ? dn : dn.substring(cut + 1);
    }

    /** Joins a parent DN and a relative name. */
    public static String child(String parentDn, String rn) {
        return parentDn == null || parentDn.isEmpty() ? rn : parentDn + "/" + rn;
    }

    /** True when {@code dn} equals {@code ancestor} or lies below it. */
    public static boolean isSelfOrDescendant(String dn, String ancestor) {
        return dn.equals(ancestor) || (dn.startsWith(ancestor) && dn.length() > ancestor.length()
                && dn.charAt(ancestor.length()) == '/' && split(dn).size() > split(ancestor).size());
    }

    /** Number of relative names in the DN. */
    public static int depth(String dn) {
        return split(dn).size();
    }

    private static int lastSeparator(String dn) {
        int depth = 0;
        for (int i = dn.length() - 1; i >= 0; i--) {
            char c = dn.charAt(i);
            if (c == ']') {
                depth++;
            } else if (c == '[') {
                if (depth > 0) {
                    depth--;
                }
            } else if (c == '/' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
