package io.acicni.deploy.check;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the checks look at, read once: the suite's ConfigMap, nodes, pods and services, each list
 * sorted by namespace and name so output is stable.
 */
public record ClusterSnapshot(Optional<SuiteConfig> config, List<Node> nodes, List<Pod> pods, List<Service> services) {

    public static ClusterSnapshot load(KubernetesClient client, String namespace) {
        Optional<SuiteConfig> config = SuiteConfig.find(client, namespace);
        List<Node> nodes = client.nodes().list().getItems().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
                .toList();
        List<Service> services = client.services().inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace()).thenComparing(s -> s.getMetadata().getName()))
                .toList();
        return new ClusterSnapshot(config, nodes, pods, services);
    }
}
