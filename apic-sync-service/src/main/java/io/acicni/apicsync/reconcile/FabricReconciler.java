package io.acicni.apicsync.reconcile;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.diff.ApicDiff;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.List;
import java.util.Map;

/**
 * One reconcile pass: build the desired fabric, read what exists under the same roots, diff (only
 * objects carrying our tag are ever changed or deleted), apply the difference. Plain Java; the
 * caller serialises passes.
 */
public final class FabricReconciler {
    private final ApicClient client;
    private final DesiredFabric desired;
    private final ApicDiff diff;
    private volatile Map<String, Integer> desiredByClass = Map.of();

    public FabricReconciler(ApicClient client, DesiredFabric desired, Ownership ownership) {
        this.client = client;
        this.desired = desired;
        this.diff = new ApicDiff(ownership);
    }

    /** Runs a pass and returns what it wrote (empty when the fabric was already in sync). */
    public ChangeSet reconcile(Map<String, NodeAddressing> nodes, Map<String, ServiceAddressing> services) {
        List<ApicObject> want = desired.build(nodes, services);
        desiredByClass = ObjectCounts.owned(want);
        List<ApicObject> existing = client.readSubtrees(desired.rootDns(want), DesiredFabric.CLASSES);
        ChangeSet changes = diff.diff(want, existing);
        client.apply(changes);
        return changes;
    }

    /** Objects we own in the last desired state, per class. */
    public Map<String, Integer> desiredByClass() {
        return desiredByClass;
    }
}
