package io.acicni.apicsync.reconcile;

import io.acicni.apic.diff.ApicDelete;
import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the objects apic-sync owns, per class: in the desired state, and pending in a change
 * set (created/modified by a POST, or deleted). {@code acicni_apic_objects{class,state}} is built
 * from these.
 */
public final class ObjectCounts {
    private ObjectCounts() {
    }

    /** Objects carrying our annotation in these trees (containers we only name are not counted). */
    public static Map<String, Integer> owned(List<ApicObject> trees) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ApicObject tree : trees) {
            tree.walk("", (dn, o) -> {
                if (!Ownership.isTagClass(o.className()) && Ownership.ANNOTATION.equals(o.attribute("annotation"))) {
                    counts.merge(o.className(), 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    /** Objects a change set writes, per class. */
    public static Map<String, Integer> pending(ChangeSet changes) {
        Map<String, Integer> counts = new TreeMap<>(owned(changes.posts().stream().map(ApicPost::body).toList()));
        for (ApicDelete d : changes.removals()) {
            String cls = d.before() == null ? "unknown" : d.before().className();
            counts.merge(cls, 1, Integer::sum);
        }
        return counts;
    }
}
