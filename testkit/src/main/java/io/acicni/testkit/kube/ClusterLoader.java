package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a multi-document YAML of plain Kubernetes objects (Nodes, Namespaces, Pods, Services, ...)
 * in document order: created when absent, replaced when present. Namespaced objects without a
 * namespace go to {@code default}. An error names the document and the object.
 */
public final class ClusterLoader {
    /** The sample cluster shipped with the testkit: 3 nodes, a dozen pods, the LoadBalancer cases. */
    public static final String SAMPLE = "/io/acicni/testkit/kube/sample-cluster.yaml";

    private final KubernetesClient client;

    public ClusterLoader(KubernetesClient client) {
        this.client = client;
    }

    public List<HasMetadata> applySample() {
        try (InputStream in = ClusterLoader.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SAMPLE + " is missing from the classpath");
            }
            return apply(in, SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<HasMetadata> apply(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return apply(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Applies every document of the stream; returns the objects as the API server answered them. */
    public List<HasMetadata> apply(InputStream yaml, String source) {
        List<HasMetadata> items;
        try {
            items = client.load(yaml).items();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a Kubernetes YAML stream: " + e.getMessage(), e);
        }
        return apply(items, source);
    }

    /** Applies parsed objects in order; {@code source} names them in errors. */
    public List<HasMetadata> apply(List<HasMetadata> items, String source) {
        List<HasMetadata> applied = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            HasMetadata item = items.get(i);
            String where = source + " document " + (i + 1);
            if (item == null) {
                continue;
            }
            if (item.getMetadata() == null || item.getMetadata().getName() == null || item.getMetadata().getName().isBlank()) {
                throw new IllegalArgumentException(where + " (" + item.getKind() + "): metadata.name is required");
            }
            if (item instanceof Namespaced && item.getMetadata().getNamespace() == null) {
                item.getMetadata().setNamespace("default");
            }
            applied.add(apply(item, where));
        }
        return applied;
    }

    private HasMetadata apply(HasMetadata item, String where) {
        String what = item.getKind() + " " + Keys.of(item);
        try {
            return client.resource(item).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw new IllegalArgumentException(where + " (" + what + "): " + e.getMessage(), e);
            }
        }
        try {
            HasMetadata current = client.resource(item).get();
            item.getMetadata().setResourceVersion(current == null ? null : current.getMetadata().getResourceVersion());
            return client.resource(item).update();
        } catch (KubernetesClientException e) {
            throw new IllegalArgumentException(where + " (" + what + "): " + e.getMessage(), e);
        }
    }
}
