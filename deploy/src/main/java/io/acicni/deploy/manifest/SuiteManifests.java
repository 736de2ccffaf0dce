package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Kubernetes object of the suite, in apply order: namespace, ConfigMap, Secret,
 * ServiceAccounts and RBAC, workloads, KafkaTopics.
 */
public final class SuiteManifests {
    private SuiteManifests() {
    }

    public static List<HasMetadata> build(ManifestContext ctx) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ConfigManifests.namespace(ctx));
        objects.add(ConfigManifests.configMap(ctx));
        objects.add(ConfigManifests.credentials(ctx));
        objects.addAll(RbacManifests.all(ctx));
        objects.addAll(WorkloadManifests.all(ctx));
        objects.addAll(KafkaTopicManifests.all(ctx));
        return objects;
    }
}
