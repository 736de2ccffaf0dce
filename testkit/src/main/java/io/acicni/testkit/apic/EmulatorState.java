package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What several emulated APIC controllers of one cluster share: the object tree and the sessions.
 * Access to the tree is serialised on this object.
 */
final class EmulatorState {

    private final ManagementTree tree = new ManagementTree();
    private final ObjectWriter writer = new ObjectWriter(tree);
    private final QueryEngine queries = new QueryEngine(tree);
    private final Authenticator authenticator;

    EmulatorState(Clock clock, Duration idleTimeout) {
        this.authenticator = new Authenticator(clock, idleTimeout);
        seed();
    }

    private void seed() {
        tree.put("uni", "polUni", Map.of());
        tree.put("uni/infra", "infraInfra", Map.of());
        tree.put("uni/userext", "aaaUserEp", Map.of());
        tree.put("uni/vmmp-Kubernetes", "vmmProvP", Map.of("vendor", "Kubernetes"));
        tree.put("uni/vmmp-OpenShift", "vmmProvP", Map.of("vendor", "OpenShift"));
        tree.put("uni/tn-common", "fvTenant", Map.of("name", "common", "annotation", ""));
        tree.put("topology", "topRoot", Map.of());
        tree.put("topology/pod-1", "fabricPod", Map.of("id", "1"));
        tree.put("topology/pod-1/node-1", "fabricNode", Map.of("id", "1", "role", "controller"));
        tree.put("topology/pod-1/node-1/sys", "topSystem", Map.of("role", "controller", "name", "apic1"));
        tree.put("topology/pod-1/node-1/sys/ctrlrfwstatuscont", "firmwareCtrlrFwStatusCont", Map.of());
        tree.put("topology/pod-1/node-1/sys/ctrlrfwstatuscont/ctrlrrunning", "firmwareCtrlrRunning",
                Map.of("version", ApicEmulator.VERSION, "type", "controller"));
    }

    ManagementTree tree() {
        return tree;
    }

    ObjectWriter writer() {
        return writer;
    }

    QueryEngine queries() {
        return queries;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    /** Renders an object with its full subtree, DN on top. */
    ApicObject render(ManagedObject mo) {
        return tree.render(mo, true, Integer.MAX_VALUE, Set.of(), "all");
    }
}
