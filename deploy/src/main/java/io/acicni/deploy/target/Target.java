package io.acicni.deploy.target;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where {@code validate}, {@code diagnose} and {@code audit} look: a Kubernetes API, and where
 * known, Kafka, the APIC, each node's ep-writer (and, in a local run, its directories) and ipam.
 * The Kubernetes client is created on first use and closed with the target.
 */
public final class Target implements AutoCloseable {
    private final String description;
    private final boolean local;
    private final Config kubeConfig;
    private final Properties kafka;
    private final String kafkaMissing;
    private final ApicTarget apic;
    private final String apicMissing;
    private final Map<String, NodeAccess> nodes;
    private final String ipamUrl;
    private final String namespace;
    private KubernetesClient client;

    Target(String description, boolean local, Config kubeConfig, Properties kafka, String kafkaMissing,
           ApicTarget apic, String apicMissing, Map<String, NodeAccess> nodes, String ipamUrl, String namespace) {
        this.description = description;
        this.local = local;
        this.kubeConfig = kubeConfig;
        this.kafka = kafka;
        this.kafkaMissing = kafkaMissing;
        this.apic = apic;
        this.apicMissing = apicMissing;
        this.nodes = new TreeMap<>(nodes);
        this.ipamUrl = ipamUrl;
        this.namespace = namespace;
    }

    /** One line for the user: which cluster or local run this is. */
    public String description() {
        return description;
    }

    public boolean isLocal() {
        return local;
    }

    public synchronized KubernetesClient kube() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(kubeConfig).build();
        }
        return client;
    }

    /** Kafka client properties, when Kafka is configured. */
    public Optional<Properties> kafka() {
        if (kafka == null) {
            return Optional.empty();
        }
        Properties copy = new Properties();
        copy.putAll(kafka);
        return Optional.of(copy);
    }

    /** Why Kafka is not configured (for a SKIP line). */
    public String kafkaMissing() {
        return kafkaMissing;
    }

    public Optional<ApicTarget> apic() {
        return Optional.ofNullable(apic);
    }

    /** Why APIC access is not configured (for a SKIP line). */
    public String apicMissing() {
        return apicMissing;
    }

    /** Known nodes and how to reach them; a node not listed has no known ep-writer. */
    public Map<String, NodeAccess> nodes() {
        return nodes;
    }

    public Optional<NodeAccess> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public Optional<String> ipamUrl() {
        return Optional.ofNullable(ipamUrl).filter(u -> !u.isBlank());
    }

    /** Where the suite's ConfigMap is looked for first. */
    public String namespace() {
        return namespace;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
