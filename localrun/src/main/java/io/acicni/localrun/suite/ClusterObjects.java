package io.acicni.localrun.suite;

import io.acicni.netconfig.ip.Cidr;
import io.acicni.testkit.kube.ClusterLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import inet.ipaddr.IPAddress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes objects of a {@link ClusterSpec}, parsed before anything is applied (so the suite
 * knows its nodes before it starts their ep-writers), and applied in document order afterwards.
 */
public final class ClusterObjects {
    private final List<HasMetadata> objects;
    private final String source;

    private ClusterObjects(List<HasMetadata> objects, String source) {
        this.objects = List.copyOf(objects);
        this.source = source;
    }

    /** Parses the spec's objects with {@code client} (parsing needs no server). */
    public static ClusterObjects of(ClusterSpec spec, SuiteInputs inputs, KubernetesClient client) {
        if (spec instanceof ClusterSpec.File f) {
            try {
                return parse(client, Files.newInputStream(f.path()), f.path().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the cluster file " + f.path() + ": " + e.getMessage(), e);
            }
        }
        if (spec instanceof ClusterSpec.GeneratedNodes g) {
            return new ClusterObjects(generatedNodes(g.count(), inputs), g.count() + " generated nodes");
        }
        return parse(client, ClusterObjects.class.getResourceAsStream(ClusterLoader.SAMPLE), "sample cluster");
    }

    private static ClusterObjects parse(KubernetesClient client, InputStream in, String source) {
        if (in == null) {
            throw new IllegalStateException(source + " is missing from the classpath");
        }
        try (in) {
            return new ClusterObjects(client.load(in).items(), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the cluster file " + source + " is not valid Kubernetes YAML: " + e.getMessage(), e);
        }
    }

    /** Nodes {@code node-1..node-n} with an InternalIP of each node subnet's family (host .11, .12, ...). */
    static List<HasMetadata> generatedNodes(int count, SuiteInputs inputs) {
        List<HasMetadata> nodes = new ArrayList<>(count);
        List<Cidr> subnets = inputs.validated().plan().nodeSubnets();
        for (int i = 1; i <= count; i++) {
            List<NodeAddress> addresses = new ArrayList<>();
            for (Cidr subnet : subnets) {
                IPAddress host = subnet.networkAddress().withoutPrefixLength().increment(10L + i);
                if (host == null || !subnet.contains(host)) {
                    throw new IllegalArgumentException("node subnet " + subnet.text() + " is too small for " + count + " generated nodes");
                }
                addresses.add(new NodeAddress(host.toCanonicalString(), "InternalIP"));
            }
            String name = "node-" + i;
            addresses.add(new NodeAddress(name, "Hostname"));
            nodes.add(new NodeBuilder()
                    .withNewMetadata().withName(name)
                        .addToLabels("kubernetes.io/hostname", name)
                        .addToLabels("kubernetes.io/os", "linux")
                    .endMetadata()
                    .withNewSpec().endSpec()
                    .withNewStatus().withAddresses(addresses)
                        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                    .endStatus()
                    .build());
        }
        return nodes;
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public String source() {
        return source;
    }

    public List<String> nodeNames() {
        return objects.stream().filter(Node.class::isInstance).map(o -> o.getMetadata().getName()).toList();
    }

    /** Applies every object in order (created, or replaced when present). */
    public int applyTo(KubernetesClient client) {
        new ClusterLoader(client).apply(objects, source);
        return objects.size();
    }
}
