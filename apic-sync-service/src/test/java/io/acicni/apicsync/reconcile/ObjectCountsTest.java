package io.acicni.apicsync.reconcile;

import io.acicni.apic.diff.ApicDelete;
import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectCountsTest {
    private final Ownership ownership = new Ownership("kube", Ownership.Mode.TAG);

    @Test
    void countsOnlyOwnedObjectsNotTheContainersWeName() {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-pod").attr("name", "pod")
                .child(ownership.mark(ApicObject.of("fvSubnet").attr("ip", "10.2.0.1/16"), "static"))
                .child(ownership.mark(ApicObject.of("fvSubnet").attr("ip", "fd00::1/64").attr("ctrl", "nd")
                        .child(ApicObject.of("fvRsNdPfxPol").attr("tnNdPfxPolName", "nd")), "static"));
        assertThat(ObjectCounts.owned(List.of(bd))).containsEntry("fvSubnet", 2).containsEntry("fvRsNdPfxPol", 1)
                .doesNotContainKey("fvBD").doesNotContainKey("tagAnnotation");
    }

    @Test
    void pendingCountsWritesAndDeletesPerClass() {
        ApicObject subnet = ownership.mark(ApicObject.of("fvSubnet").attr("ip", "10.2.0.1/16"), "static");
        ChangeSet changes = new ChangeSet(List.of(new ApicPost("uni/tn-kube/BD-pod", ApicObject.of("fvBD").attr("name", "pod").child(subnet), "x")),
                List.of(new ApicDelete("uni/tn-common/out-l3out/instP-x", ApicObject.of("l3extInstP").attr("name", "x"), "gone")), List.of());
        assertThat(ObjectCounts.pending(changes)).containsEntry("fvSubnet", 1).containsEntry("l3extInstP", 1).doesNotContainKey("fvBD");
    }
}
