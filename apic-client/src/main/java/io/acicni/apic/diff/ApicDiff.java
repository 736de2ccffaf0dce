package io.acicni.apic.diff;

import io.acicni.apic.model.ApicClassMeta;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Dn;
import io.acicni.apic.model.Ownership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Desired versus existing APIC objects → the smallest set of writes.
 *
 * <p>Both lists hold top-level objects carrying {@code dn}, with their subtrees. Below each desired
 * root the desired tree is complete: an owned existing object under it that is not desired is
 * deleted. Existing roots that are not desired are deleted when they are ours.
 *
 * <ul>
 *   <li>Attributes: only those present in the desired object are compared, against the existing
 *       value or the class default; comma lists compare as sets.</li>
 *   <li>One POST per changed subtree, aimed at the deepest object that contains every change of
 *       that root; unchanged objects on the way carry only their naming attributes.</li>
 *   <li>An owned object below a desired root that is no longer desired is removed inside that
 *       POST ({@code "status":"deleted"} with its {@code dn}), not by a DELETE of its own: a pass
 *       that drops 1,000 LoadBalancer host routes is one request, not 1,000. Only roots that are no
 *       longer desired, and owned objects inside subtrees that hold objects not ours, get DELETEs.</li>
 *   <li>Never touches what is not ours ({@link Ownership}): attribute differences on such objects
 *       are reported as {@link SkippedChange}, they are never deleted, and an owned object whose
 *       subtree holds an object that is not ours is not deleted as a whole — its owned
 *       descendants are deleted one by one instead.</li>
 * </ul>
 */
public final class ApicDiff {

    private static final Set<String> NOT_COMPARED = Set.of("dn", "rn", "status", "childAction", "modTs",
            "lcOwn", "uid", "userdom", "extMngdBy");

    private final Ownership ownership;

    public ApicDiff(Ownership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    /** Computes the change set; neither argument is modified. */
    public ChangeSet diff(List<ApicObject> desired, List<ApicObject> existing) {
        Map<String, ApicObject> existingByDn = new LinkedHashMap<>();
        for (ApicObject e : existing) {
            existingByDn.put(requireDn(e, "existing"), e);
        }
        Work work = new Work();
        Map<String, ApicObject> desiredByDn = new LinkedHashMap<>();
        for (ApicObject d : desired) {
            desiredByDn.put(requireDn(d, "desired"), d);
        }
        for (Map.Entry<String, ApicObject> d : desiredByDn.entrySet()) {
            Node node = compare(d.getValue(), existingByDn.get(d.getKey()), d.getKey(), work);
            if (node != null) {
                work.posts.add(toPost(node));
            }
        }
        for (Map.Entry<String, ApicObject> e : existingByDn.entrySet()) {
            if (!desiredByDn.containsKey(e.getKey()) && ownership.isOwned(e.getValue())) {
                deleteOwned(e.getValue(), e.getKey(), "no longer desired", work);
            }
        }
        work.posts.sort(Comparator.comparing(ApicPost::dn));
        work.deletes.sort(Comparator.comparingInt((ApicDelete d) -> Dn.depth(d.dn())).reversed()
                .thenComparing(ApicDelete::dn));
        work.removedInPosts.sort(Comparator.comparing(ApicDelete::dn));
        return new ChangeSet(work.posts, work.deletes, work.removedInPosts, work.skipped);
    }

    private static String requireDn(ApicObject o, String side) {
        return o.dn().orElseThrow(() -> new IllegalArgumentException(side + " top-level object " + o
                + " has no dn attribute"));
    }

    /** A node of the tree to write; {@code self} = its own attributes must be written. */
    private static final class Node {
        final String dn;
        final ApicObject desired;
        final boolean self;
        final String reason;
        final List<Node> children = new ArrayList<>();
        final List<ApicDelete> removals = new ArrayList<>();

        Node(String dn, ApicObject desired, boolean self, String reason) {
            this.dn = dn;
            this.desired = desired;
            this.self = self;
            this.reason = reason;
        }
    }

    private static final class Work {
        final List<ApicPost> posts = new ArrayList<>();
        final List<ApicDelete> deletes = new ArrayList<>();
        final List<ApicDelete> removedInPosts = new ArrayList<>();
        final List<SkippedChange> skipped = new ArrayList<>();
    }

    private Node compare(ApicObject desired, ApicObject existing, String dn, Work work) {
        if (existing == null) {
            return new Node(dn, desired, true, "created");
        }
        boolean owned = ownership.isOwned(existing);
        List<String> changed = changedAttributes(desired, existing);
        boolean self = !changed.isEmpty();
        if (self && !owned) {
            work.skipped.add(new SkippedChange(dn, "not ours; attributes " + changed + " left as they are"));
            self = false;
        }
        Map<String, ApicObject> existingChildren = new LinkedHashMap<>();
        for (ApicObject c : existing.children()) {
            c.findRn().ifPresent(rn -> existingChildren.put(rn, c));
        }
        Node node = new Node(dn, desired, self, self ? "modified " + changed : "children changed");
        for (ApicObject dc : desired.children()) {
            String rn = dc.rn();
            if (!owned && Ownership.isTagClass(dc.className())) {
                // tagging someone else's object would make it ours: leave its tags alone
                if (existingChildren.remove(rn) == null) {
                    work.skipped.add(new SkippedChange(Dn.child(dn, rn), "not ours; not tagging it"));
                }
                continue;
            }
            Node child = compare(dc, existingChildren.remove(rn), Dn.child(dn, rn), work);
            if (child != null) {
                node.children.add(child);
            }
        }
        for (Map.Entry<String, ApicObject> stale : existingChildren.entrySet()) {
            ApicObject ec = stale.getValue();
            boolean deletable = ec.meta().map(ApicClassMeta::deletable).orElse(true);
            if (deletable && ownership.isOwned(ec)) {
                String staleDn = Dn.child(dn, stale.getKey());
                if (fullyOwned(ec)) {
                    ApicDelete removal = new ApicDelete(staleDn, ec, "no longer desired");
                    node.removals.add(removal);
                    work.removedInPosts.add(removal);
                } else {
                    deleteOwned(ec, staleDn, "no longer desired", work);
                }
            }
        }
        return node.self || !node.children.isEmpty() || !node.removals.isEmpty() ? node : null;
    }

    private List<String> changedAttributes(ApicObject desired, ApicObject existing) {
        Optional<ApicClassMeta> meta = desired.meta();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> a : desired.attributes().entrySet()) {
            String name = a.getKey();
            if (NOT_COMPARED.contains(name) || meta.map(m -> m.isWriteOnly(name)).orElse(false)) {
                continue;
            }
            String have = existing.attribute(name);
            boolean same = meta.map(m -> m.sameValue(name, a.getValue(), have))
                    .orElseGet(() -> a.getValue().equals(have == null ? "" : have));
            if (!same) {
                changed.add(name);
            }
        }
        return changed;
    }

    private void deleteOwned(ApicObject existing, String dn, String reason, Work work) {
        if (fullyOwned(existing)) {
            work.deletes.add(new ApicDelete(dn, existing, reason));
            return;
        }
        work.skipped.add(new SkippedChange(dn, "kept: its subtree holds objects that are not ours"));
        for (ApicObject c : existing.children()) {
            boolean deletable = c.meta().map(ApicClassMeta::deletable).orElse(true);
            if (deletable && !Ownership.isTagClass(c.className()) && ownership.isOwned(c)) {
                deleteOwned(c, Dn.child(dn, c.rn()), reason, work);
            }
        }
    }

    private boolean fullyOwned(ApicObject o) {
        for (ApicObject c : o.children()) {
            if (Ownership.isTagClass(c.className()) || !c.meta().map(ApicClassMeta::deletable).orElse(true)) {
                continue;
            }
            if (!ownership.isOwned(c) || !fullyOwned(c)) {
                return false;
            }
        }
        return true;
    }

    private static ApicPost toPost(Node root) {
        Node target = root;
        while (!target.self && target.children.size() == 1 && target.removals.isEmpty()) {
            target = target.children.get(0);
        }
        ApicObject body = ApicObject.of(target.desired.className()).attr("dn", target.dn);
        fill(body, target);
        return new ApicPost(target.dn, body, describe(target));
    }

    private static void fill(ApicObject into, Node node) {
        if (node.self) {
            // A created or modified object: its whole desired subtree (POST is a merge, so
            // unchanged children cost nothing but keep "created" objects complete).
            for (Map.Entry<String, String> a : node.desired.attributes().entrySet()) {
                if (!a.getKey().equals("dn")) {
                    into.attr(a.getKey(), a.getValue());
                }
            }
            if (node.reason.equals("created")) {
                for (ApicObject c : node.desired.children()) {
                    into.child(withoutDn(c));
                }
                return;
            }
        } else {
            if (node.desired.meta().isEmpty()) {
                into.attr("rn", Dn.rn(node.dn));
            }
            for (String naming : node.desired.meta().map(ApicClassMeta::namingAttributes).orElse(List.of())) {
                String v = node.desired.attribute(naming);
                if (v != null) {
                    into.attr(naming, v);
                }
            }
        }
        for (Node c : node.children) {
            ApicObject child = ApicObject.of(c.desired.className());
            fill(child, c);
            into.child(child);
        }
        for (ApicDelete removal : node.removals) {
            into.child(ApicObject.of(removal.before().className()).attr("dn", removal.dn()).attr("status", "deleted"));
        }
    }

    private static ApicObject withoutDn(ApicObject o) {
        ApicObject copy = o.copyWithoutChildren().removeAttr("dn");
        for (ApicObject c : o.children()) {
            copy.child(withoutDn(c));
        }
        return copy;
    }

    private static String describe(Node target) {
        if (target.self) {
            return target.reason;
        }
        List<String> parts = new ArrayList<>();
        for (Node c : target.children) {
            parts.add(c.desired.className() + " " + Dn.rn(c.dn) + " " + (c.self ? c.reason : "children changed"));
        }
        for (ApicDelete r : target.removals) {
            parts.add(r.before().className() + " " + Dn.rn(r.dn()) + " deleted");
        }
        return String.join("; ", parts);
    }
}
