package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicClasses;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Dn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The emulator's object store, keyed by DN, with bracket-aware parent/child links. Not
 * thread-safe on its own: {@link ApicEmulator} serialises access.
 */
final class ManagementTree {

    private final Map<String, ManagedObject> byDn = new TreeMap<>();
    private final Map<String, TreeMap<String, ManagedObject>> childrenOf = new TreeMap<>();

    ManagedObject get(String dn) {
        return byDn.get(dn);
    }

    boolean exists(String dn) {
        return byDn.containsKey(dn);
    }

    List<ManagedObject> children(String dn) {
        TreeMap<String, ManagedObject> c = childrenOf.get(dn);
        return c == null ? List.of() : new ArrayList<>(c.values());
    }

    /** The object and every descendant, parents before children. */
    List<ManagedObject> subtree(String dn) {
        List<ManagedObject> out = new ArrayList<>();
        ManagedObject mo = byDn.get(dn);
        if (mo != null) {
            collect(mo, out);
        }
        return out;
    }

    private void collect(ManagedObject mo, List<ManagedObject> out) {
        out.add(mo);
        for (ManagedObject c : children(mo.dn)) {
            collect(c, out);
        }
    }

    List<ManagedObject> byClass(String className) {
        List<ManagedObject> out = new ArrayList<>();
        for (ManagedObject mo : byDn.values()) {
            if (mo.className.equals(className)) {
                out.add(mo);
            }
        }
        return out;
    }

    List<ManagedObject> all() {
        return new ArrayList<>(byDn.values());
    }

    /** Creates the object (its parent must exist unless it is a root) or replaces its attributes. */
    ManagedObject put(String dn, String className, Map<String, String> attributes) {
        ManagedObject mo = new ManagedObject(dn, className, attributes);
        byDn.put(dn, mo);
        String parent = Dn.parent(dn);
        childrenOf.computeIfAbsent(parent, k -> new TreeMap<>()).put(dn, mo);
        return mo;
    }

    /** Removes the object and its subtree; returns what was removed (children first). */
    List<ManagedObject> delete(String dn) {
        List<ManagedObject> removed = subtree(dn);
        for (int i = removed.size() - 1; i >= 0; i--) {
            ManagedObject mo = removed.get(i);
            byDn.remove(mo.dn);
            childrenOf.remove(mo.dn);
            TreeMap<String, ManagedObject> siblings = childrenOf.get(Dn.parent(mo.dn));
            if (siblings != null) {
                siblings.remove(mo.dn);
            }
        }
        return removed;
    }

    /**
     * Renders an object as APIC does: top-level objects carry {@code dn}, nested ones {@code rn}.
     *
     * @param depth 0 = no children, 1 = direct children, {@link Integer#MAX_VALUE} = full subtree
     * @param childClasses when not empty, only children of these classes (and their kept descendants)
     * @param props {@code all}, {@code config-only} or {@code naming-only}
     */
    ApicObject render(ManagedObject mo, boolean top, int depth, Set<String> childClasses, String props) {
        ApicObject o = ApicObject.of(mo.className);
        if (top) {
            o.attr("dn", mo.dn);
        } else {
            o.attr("rn", Dn.rn(mo.dn));
        }
        var meta = ApicClasses.find(mo.className);
        for (Map.Entry<String, String> a : mo.attributes.entrySet()) {
            String name = a.getKey();
            if (meta.map(m -> m.isWriteOnly(name)).orElse(false)) {
                continue;
            }
            if ("naming-only".equals(props) && !meta.map(m -> m.namingAttributes().contains(name)).orElse(false)) {
                continue;
            }
            o.attr(name, a.getValue());
        }
        if (depth > 0) {
            Predicate<ManagedObject> keep = c -> childClasses.isEmpty() || childClasses.contains(c.className);
            for (ManagedObject c : children(mo.dn)) {
                if (keep.test(c)) {
                    o.child(render(c, false, depth == Integer.MAX_VALUE ? depth : depth - 1, childClasses, props));
                }
            }
        }
        return o;
    }
}
