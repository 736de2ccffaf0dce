package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicClasses;
import io.acicni.apic.model.ApicObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads (reference §2.3): {@code query-target}, {@code target-subtree-class}, {@code rsp-subtree}
 * (+ {@code rsp-subtree-class}), {@code rsp-prop-include}, {@code query-target-filter}. Empty
 * parameters and empty list items are ignored; a missing DN gives an empty answer.
 */
final class QueryEngine {

    private final ManagementTree tree;

    QueryEngine(ManagementTree tree) {
        this.tree = tree;
    }

    List<ApicObject> mo(String dn, Map<String, String> params) {
        ManagedObject mo = tree.get(dn);
        if (mo == null) {
            return List.of();
        }
        return answer(List.of(mo), params);
    }

    List<ApicObject> byClass(String className, Map<String, String> params) {
        if (!ApicClasses.isKnown(className)) {
            throw ApicRequestError.badRequest("122", "unknown managed object class " + className);
        }
        return answer(tree.byClass(className), params);
    }

    private List<ApicObject> answer(List<ManagedObject> base, Map<String, String> params) {
        String target = params.getOrDefault("query-target", "self");
        List<ManagedObject> result = new ArrayList<>();
        for (ManagedObject mo : base) {
            switch (target) {
                case "self" -> result.add(mo);
                case "children" -> result.addAll(tree.children(mo.dn));
                case "subtree" -> result.addAll(tree.subtree(mo.dn));
                default -> throw ApicRequestError.badRequest("801",
                        "property query-target failed validation for value '" + target + "'");
            }
        }
        Set<String> targetClasses = list(params.get("target-subtree-class"));
        if (!targetClasses.isEmpty()) {
            result.removeIf(mo -> !targetClasses.contains(mo.className));
        }
        String filter = params.get("query-target-filter");
        if (filter != null && !filter.isEmpty()) {
            Predicate<ManagedObject> p;
            try {
                p = FilterExpression.parse(filter);
            } catch (IllegalArgumentException e) {
                throw ApicRequestError.badRequest("107", "invalid query-target-filter: " + e.getMessage());
            }
            result.removeIf(p.negate());
        }
        String rsp = params.getOrDefault("rsp-subtree", "no");
        int depth = switch (rsp) {
            case "no", "" -> 0;
            case "children" -> 1;
            case "full" -> Integer.MAX_VALUE;
            default -> throw ApicRequestError.badRequest("801",
                    "property rsp-subtree failed validation for value '" + rsp + "'");
        };
        Set<String> childClasses = list(params.get("rsp-subtree-class"));
        String props = params.getOrDefault("rsp-prop-include", "all");
        List<ApicObject> out = new ArrayList<>();
        for (ManagedObject mo : result) {
            out.add(tree.render(mo, true, depth, childClasses, props));
        }
        return out;
    }

    private static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
