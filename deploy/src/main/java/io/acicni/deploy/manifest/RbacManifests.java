package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * One ServiceAccount per service and least-privilege RBAC: exactly the API calls each service makes.
 * <ul>
 *   <li>ipam-service (ClusterRole): informers on nodes, namespaces, pods, services and
 *       EndpointSlices (list, watch); {@code patch} of nodes (annotations: one JSON merge patch, no
 *       read); {@code get} of services + {@code patch} of services/status ({@code editStatus});
 *       {@code create} of Warning Events in any namespace. Role in its namespace: leases (leader election)</li>
 *   <li>apic-sync-service: leases in its namespace only (its configuration is mounted, not read
 *       from the API)</li>
 *   <li>ep-writer-service: a ServiceAccount without any binding or token (it never calls the API)</li>
 * </ul>
 * Leases: fabric8's {@code LeaseLock} reads ({@code get}), creates and patches (renew, release) the Lease.
 */
public final class RbacManifests {
    static final List<String> WATCH = List.of("list", "watch");
    static final List<String> LEASE_VERBS = List.of("get", "create", "patch");

    private RbacManifests() {
    }

    static List<HasMetadata> all(ManifestContext ctx) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(serviceAccount(ctx, Images.IPAM, true));
        objects.add(serviceAccount(ctx, Images.APIC_SYNC, true));
        objects.add(serviceAccount(ctx, Images.EP_WRITER, false));
        objects.addAll(ipam(ctx));
        objects.addAll(apicSync(ctx));
        return objects;
    }

    private static ServiceAccount serviceAccount(ManifestContext ctx, String name, boolean token) {
        return new ServiceAccountBuilder()
                .withNewMetadata().withName(name).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(name)).endMetadata()
                .withAutomountServiceAccountToken(token)
                .build();
    }

    private static List<HasMetadata> ipam(ManifestContext ctx) {
        String name = "aci-dualstack:" + Images.IPAM;
        List<PolicyRule> rules = List.of(
                // ClusterWatch: informers list and watch
                rule("", List.of("nodes", "namespaces", "pods", "services"), WATCH),
                rule("discovery.k8s.io", List.of("endpointslices"), WATCH),
                // KubernetesWriter: node annotations (a merge patch), LB status (editStatus = get
                // of the service + patch of services/status), Warning Events (create)
                rule("", List.of("nodes"), List.of("patch")),
                rule("", List.of("services"), List.of("get")),
                rule("", List.of("services/status"), List.of("patch")),
                rule("", List.of("events"), List.of("create")));
        return List.of(
                new ClusterRoleBuilder()
                        .withNewMetadata().withName(name).withLabels(Labels.component(Images.IPAM)).endMetadata()
                        .withRules(rules)
                        .build(),
                new ClusterRoleBindingBuilder()
                        .withNewMetadata().withName(name).withLabels(Labels.component(Images.IPAM)).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                        .addNewSubject().withKind("ServiceAccount").withName(Images.IPAM)
                            .withNamespace(ctx.namespace()).endSubject()
                        .build(),
                role(ctx, Images.IPAM, List.of(leases())),
                roleBinding(ctx, Images.IPAM));
    }

    private static List<HasMetadata> apicSync(ManifestContext ctx) {
        return List.of(role(ctx, Images.APIC_SYNC, List.of(leases())), roleBinding(ctx, Images.APIC_SYNC));
    }

    private static PolicyRule leases() {
        return rule("coordination.k8s.io", List.of("leases"), LEASE_VERBS);
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    private static HasMetadata role(ManifestContext ctx, String service, List<PolicyRule> rules) {
        return new RoleBuilder()
                .withNewMetadata().withName(service).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(service)).endMetadata()
                .withRules(rules)
                .build();
    }

    private static HasMetadata roleBinding(ManifestContext ctx, String service) {
        return new RoleBindingBuilder()
                .withNewMetadata().withName(service).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(service)).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", service)
                .addNewSubject().withKind("ServiceAccount").withName(service)
                    .withNamespace(ctx.namespace()).endSubject()
                .build();
    }
}
