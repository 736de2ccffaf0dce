package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicClassMeta;
import io.acicni.apic.model.ApicClasses;
import io.acicni.apic.model.ApicError;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicJsonException;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Dn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST and DELETE semantics (reference §3): target resolution (own DN or parent), merge,
 * {@code status} created / modified / deleted, no implicit deletes, validation before any change
 * so a refused request changes nothing.
 */
final class ObjectWriter {

    private static final Set<String> NOT_STORED = Set.of("dn", "rn", "status", "childAction");

    private final ManagementTree tree;

    ObjectWriter(ManagementTree tree) {
        this.tree = tree;
    }

    private sealed interface Op permits Upsert, Remove {
    }

    private record Upsert(String dn, String className, Map<String, String> attributes) implements Op {
    }

    private record Remove(String dn) implements Op {
    }

    /** Applies a POST body addressed to {@code urlDn}; returns the DNs created, modified or deleted. */
    List<String> post(String urlDn, byte[] body) {
        ApicObject obj;
        try {
            obj = ApicJson.readObject(body);
        } catch (ApicJsonException e) {
            throw ApicRequestError.badRequest("400", e.isAttributesNotFirst() ? e.getMessage()
                    : "invalid data at line '1'. " + e.getMessage());
        }
        requireKnownClass(obj.className());
        String dn = obj.resolveDn(urlDn);
        String parent = Dn.parent(dn);
        List<Op> ops = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        if (!parent.isEmpty() && !tree.exists(parent)) {
            throw ApicRequestError.badRequest("100", "Validation failed: parent " + parent + " of " + dn
                    + " does not exist");
        }
        plan(obj, dn, ops, planned);
        List<String> touched = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Remove r) {
                tree.delete(r.dn()).forEach(mo -> touched.add(mo.dn));
            } else {
                Upsert u = (Upsert) op;
                upsert(u);
                touched.add(u.dn());
            }
        }
        // Relations resolve once the whole request is applied: a policy may come after its user.
        for (Op op : ops) {
            if (op instanceof Upsert u && tree.get(u.dn()) != null) {
                resolveRelation(tree.get(u.dn()));
            }
        }
        return touched;
    }

    /** DELETE of a subtree; a missing DN is not an error. */
    List<String> delete(String dn) {
        List<String> out = new ArrayList<>();
        tree.delete(dn).forEach(mo -> out.add(mo.dn));
        return out;
    }

    private void plan(ApicObject obj, String dn, List<Op> ops, Set<String> planned) {
        requireKnownClass(obj.className());
        ApicClassMeta meta = ApicClasses.find(obj.className()).orElseThrow();
        Optional<String> naming = meta.rn(obj.attributes());
        if (naming.isPresent() && !naming.get().equals(Dn.rn(dn))) {
            throw ApicRequestError.badRequest("100", "Validation failed: dn " + dn + " does not match the naming "
                    + "properties of " + obj.className() + " (rn " + naming.get() + ")");
        }
        ManagedObject existing = tree.get(dn);
        if (existing != null && !existing.className.equals(obj.className())) {
            throw ApicRequestError.badRequest("100", "Validation failed: " + dn + " is a " + existing.className
                    + ", not a " + obj.className());
        }
        boolean exists = existing != null || planned.contains(dn);
        String status = obj.attributes().getOrDefault("status", "");
        if (status.equals("deleted")) {
            ops.add(new Remove(dn));
            return;
        }
        if (status.equals("created") && exists) {
            throw ApicRequestError.badRequest("103", "Object " + dn + " already exists");
        }
        if (status.equals("modified") && !exists) {
            throw ApicRequestError.badRequest("100", "Validation failed: object " + dn + " does not exist");
        }
        if (!status.isEmpty() && !Set.of("created", "modified", "created,modified", "modified,created")
                .contains(status)) {
            throw ApicRequestError.badRequest("801", "property status of " + dn + " failed validation for value '"
                    + status + "'");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, String> a : obj.attributes().entrySet()) {
            Optional<ApicError> problem = meta.validate(dn, a.getKey(), a.getValue());
            if (problem.isPresent()) {
                throw ApicRequestError.badRequest(problem.get().code(), problem.get().text());
            }
            if (!NOT_STORED.contains(a.getKey())) {
                attrs.put(a.getKey(), a.getValue());
            }
        }
        ops.add(new Upsert(dn, obj.className(), attrs));
        planned.add(dn);
        for (ApicObject child : obj.children()) {
            requireKnownClass(child.className());
            Optional<String> rn = child.findRn();
            String childDn;
            if (child.dn().isPresent()) {
                childDn = child.dn().get();
                if (!Dn.parent(childDn).equals(dn)) {
                    throw ApicRequestError.badRequest("100", "Validation failed: child dn " + childDn
                            + " is not under " + dn);
                }
            } else if (rn.isPresent()) {
                childDn = Dn.child(dn, rn.get());
            } else {
                throw ApicRequestError.badRequest("100", "Validation failed: naming properties of child "
                        + child.className() + " of " + dn + " are missing");
            }
            plan(child, childDn, ops, planned);
        }
    }

    private static void requireKnownClass(String className) {
        if (!ApicClasses.isKnown(className)) {
            throw ApicRequestError.badRequest("122", "unknown managed object class " + className);
        }
    }

    private void upsert(Upsert u) {
        ManagedObject mo = tree.get(u.dn());
        if (mo == null) {
            Map<String, String> initial = new LinkedHashMap<>();
            ApicClassMeta meta = ApicClasses.find(u.className()).orElseThrow();
            for (String naming : meta.namingAttributes()) {
                initial.put(naming, "");
            }
            meta.attributes().forEach((name, rule) -> {
                if (rule.defaultValue() != null) {
                    initial.put(name, rule.defaultValue());
                }
            });
            initial.put("annotation", "");
            initial.putAll(u.attributes());
            mo = tree.put(u.dn(), u.className(), initial);
        } else {
            mo.attributes.putAll(u.attributes());
        }
    }

    /** Relation objects expose the resolved target DN in {@code tDn}, as APIC does. */
    private void resolveRelation(ManagedObject mo) {
        String tenant = tenantOf(mo.dn);
        if (tenant == null) {
            return;
        }
        String target = switch (mo.className) {
            case "fvRsCtx", "l3extRsEctx" -> lookup(tenant, "ctx-", mo.attributes.get("tnFvCtxName"));
            case "fvRsBDToOut" -> lookup(tenant, "out-", mo.attributes.get("tnL3extOutName"));
            case "fvRsNdPfxPol" -> lookup(tenant, "ndPfxPol-", mo.attributes.get("tnNdPfxPolName"));
            case "fvRsBd" -> lookup(tenant, "BD-", mo.attributes.get("tnFvBDName"));
            case "fvRsCons", "fvRsProv" -> lookup(tenant, "brc-", mo.attributes.get("tnVzBrCPName"));
            default -> null;
        };
        if (target != null) {
            mo.attributes.put("tDn", target);
        }
    }

    private String lookup(String tenant, String prefix, String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String own = "uni/tn-" + tenant + "/" + prefix + name;
        return tree.exists(own) ? own : "uni/tn-common/" + prefix + name;
    }

    private static String tenantOf(String dn) {
        for (String rn : Dn.split(dn)) {
            if (rn.startsWith("tn-")) {
                return rn.substring(3);
            }
        }
        return null;
    }
}
