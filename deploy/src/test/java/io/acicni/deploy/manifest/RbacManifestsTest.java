package io.acicni.deploy.manifest;

import io.acicni.deploy.TestSetup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated RBAC grants exactly the API calls each service makes (see the javadoc of
 * {@link RbacManifests} for where each call is): no less (the service would fail), no more.
 */
class RbacManifestsTest {
    private final List<HasMetadata> objects = SuiteManifests.build(TestSetup.context(true));

    private <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return of(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ipamClusterRoleCoversItsInformersAndWrites() {
        ClusterRole role = named(ClusterRole.class, "aci-dualstack:ipam-service");
        assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
                // ClusterWatch informers
                "/nodes:list", "/nodes:watch",
                "/namespaces:list", "/namespaces:watch",
                "/pods:list", "/pods:watch",
                "/services:list", "/services:watch",
                "discovery.k8s.io/endpointslices:list", "discovery.k8s.io/endpointslices:watch",
                // KubernetesWriter: node annotations (one merge patch, KubernetesWriterTest), services().editStatus
                // (get + patch status)
                "/nodes:patch",
                "/services:get", "/services/status:patch",
                // KubernetesWriter: Warning Events
                "/events:create");
        assertThat(role.getRules()).allMatch(r -> r.getResourceNames() == null || r.getResourceNames().isEmpty());
        ClusterRoleBinding binding = named(ClusterRoleBinding.class, "aci-dualstack:ipam-service");
        assertThat(binding.getRoleRef().getName()).isEqualTo("aci-dualstack:ipam-service");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName() + "@" + s.getNamespace()).isEqualTo("ipam-service@aci-containers-system"));
    }

    @Test
    void ipamHasLeasesInItsNamespaceOnly() {
        Role role = named(Role.class, "ipam-service");
        assertThat(role.getMetadata().getNamespace()).isEqualTo("aci-containers-system");
        assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
                "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:create", "coordination.k8s.io/leases:patch");
        assertThat(named(RoleBinding.class, "ipam-service").getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("ipam-service"));
    }

    @Test
    void apicSyncHasLeasesInItsNamespaceOnly() {
        Role role = named(Role.class, "apic-sync-service");
        assertThat(role.getMetadata().getNamespace()).isEqualTo("aci-containers-system");
        // LeaseLock: get, create, patch; its configuration is mounted, never read from the API
        assertThat(grants(role.getRules())).containsExactlyInAnyOrder(
                "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:create", "coordination.k8s.io/leases:patch");
        RoleBinding binding = named(RoleBinding.class, "apic-sync-service");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("apic-sync-service"));
        assertThat(of(ClusterRoleBinding.class)).noneMatch(b -> b.getSubjects().stream()
                .anyMatch(s -> s.getName().equals("apic-sync-service")));
    }

    @Test
    void epWriterHasNoBindingAndNoToken() {
        ServiceAccount account = named(ServiceAccount.class, "ep-writer-service");
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        assertThat(of(RoleBinding.class)).noneMatch(b -> b.getSubjects().stream()
                .anyMatch(s -> s.getName().equals("ep-writer-service")));
        assertThat(of(ClusterRoleBinding.class)).noneMatch(b -> b.getSubjects().stream()
                .anyMatch(s -> s.getName().equals("ep-writer-service")));
    }

    @Test
    void onlyTheseRolesExist() {
        assertThat(of(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactly("aci-dualstack:ipam-service");
        assertThat(of(Role.class)).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder("ipam-service", "apic-sync-service");
    }

    private static Set<String> grants(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getApiGroups().stream().flatMap(g -> r.getResources().stream()
                        .flatMap(res -> r.getVerbs().stream().map(v -> g + "/" + res + ":" + v))))
                .collect(Collectors.toSet());
    }
}
