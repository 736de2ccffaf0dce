package io.acicni.apic.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnTest {

    @Test
    void splitsOnlyOnSlashesOutsideBrackets() {
        assertThat(Dn.split("uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]"))
                .containsExactly("uni", "tn-kube", "BD-kube-pod-bd", "subnet-[1:2:1:1::1/64]");
        assertThat(Dn.split("uni/infra/attentp-kube-aep/rsdomP-[uni/vmmp-Kubernetes/dom-kube]"))
                .containsExactly("uni", "infra", "attentp-kube-aep", "rsdomP-[uni/vmmp-Kubernetes/dom-kube]");
    }

    @Test
    void parentAndRnHonourNestedBrackets() {
        String dn = "comp/prov-Kubernetes/ctrlr-[kube]-kube/injcont/ns-[a/b]";
        assertThat(Dn.rn(dn)).isEqualTo("ns-[a/b]");
        assertThat(Dn.parent(dn)).isEqualTo("comp/prov-Kubernetes/ctrlr-[kube]-kube/injcont");
        assertThat(Dn.parent("uni")).isEmpty();
        assertThat(Dn.rn("uni")).isEqualTo("uni");
        assertThat(Dn.rn("a/x-[p/[q/r]]")).isEqualTo("x-[p/[q/r]]");
    }

    @Test
    void descendantTest() {
        assertThat(Dn.isSelfOrDescendant("uni/tn-a/BD-b", "uni/tn-a")).isTrue();
        assertThat(Dn.isSelfOrDescendant("uni/tn-ab/BD-b", "uni/tn-a")).isFalse();
        assertThat(Dn.isSelfOrDescendant("uni/tn-a", "uni/tn-a")).isTrue();
        assertThat(Dn.depth("uni/tn-a/BD-b/subnet-[1.2.3.4/24]")).isEqualTo(4);
    }
}
