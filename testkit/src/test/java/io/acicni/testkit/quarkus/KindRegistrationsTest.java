package io.acicni.testkit.quarkus;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KindRegistrationsTest {
    private static Properties dropping(String artifact, String resource) {
        Properties p = new Properties();
        p.setProperty("quarkus.class-loading.removed-resources.\"io.fabric8:" + artifact + "\"", resource);
        return p;
    }

    private static final String REGISTRATION = "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";

    @Test
    void passesWhenOnlyUnusedGroupsAreDropped() {
        Properties p = dropping("kubernetes-model-batch", REGISTRATION);
        assertThat(KindRegistrations.droppedModelArtifacts(p)).containsExactly("kubernetes-model-batch");
        KindRegistrations.assertUsedKindsStayRegistered(p, List.of(Pod.class, Lease.class));
    }

    @Test
    void failsWhenAUsedKindsGroupIsDropped() {
        assertThat(KindRegistrations.modelArtifactOf(Lease.class)).isEqualTo("kubernetes-model-coordination");
        assertThatThrownBy(() -> KindRegistrations.assertUsedKindsStayRegistered(
                dropping("kubernetes-model-coordination", REGISTRATION), List.of(Lease.class)))
                .hasMessageContaining("Lease is used but kubernetes-model-coordination");
        assertThatThrownBy(() -> KindRegistrations.assertUsedKindsStayRegistered(
                dropping("kubernetes-model-core", REGISTRATION), List.of()))
                .hasMessageContaining("core");
    }

    @Test
    void failsWhenASettingDropsMoreThanTheRegistration() {
        assertThatThrownBy(() -> KindRegistrations.droppedModelArtifacts(dropping("kubernetes-model-batch", "io/fabric8/Foo.class")))
                .hasMessageContaining("kubernetes-model-batch");
    }
}
