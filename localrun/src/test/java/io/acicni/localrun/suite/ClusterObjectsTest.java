package io.acicni.localrun.suite;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterObjectsTest {
    private static KubernetesClient client;
    private static final SuiteInputs INPUTS = SuiteInputs.load(null, SuiteInputs.DEFAULT_FLAVOR);

    @BeforeAll
    static void parserOnlyClient() {
        client = new KubernetesClientBuilder().build(); // load() parses locally, no server is contacted
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void sampleClusterHasThreeNodes() {
        ClusterObjects sample = ClusterObjects.of(ClusterSpec.sample(), INPUTS, client);
        assertThat(sample.nodeNames()).containsExactly("node-1", "node-2", "node-3");
        assertThat(sample.objects()).hasSizeGreaterThan(15);
    }

    @Test
    void generatedNodesHaveAnAddressOfEachNodeFamilyInTheNodeSubnets() {
        ClusterObjects nodes = ClusterObjects.of(ClusterSpec.generatedNodes(100), INPUTS, client);
        assertThat(nodes.nodeNames()).hasSize(100).startsWith("node-1", "node-2").endsWith("node-100");
        Node last = (Node) nodes.objects().get(99);
        List<String> ips = last.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).toList();
        assertThat(ips).containsExactly("192.168.51.110", "2600:1d18:f46:9605::6e");
    }

    @Test
    void tooManyNodesForTheNodeSubnetIsAClearError() {
        assertThatThrownBy(() -> ClusterObjects.of(ClusterSpec.generatedNodes(300), INPUTS, client))
                .hasMessageContaining("192.168.51.1/24").hasMessageContaining("too small");
    }

    @Test
    void unreadableClusterFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, "kind: [unclosed\n");
        assertThatThrownBy(() -> ClusterObjects.of(ClusterSpec.file(file), INPUTS, client))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> ClusterObjects.of(ClusterSpec.file(dir.resolve("missing.yaml")), INPUTS, client))
                .hasMessageContaining("missing.yaml");
    }
}
