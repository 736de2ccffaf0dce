package io.acicni.deploy.kubeadm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.IPAddressString;
import io.acicni.deploy.TestSetup;
import io.acicni.deploy.net.ServiceCidrs;
import io.acicni.deploy.node.NodeSpec;
import io.acicni.netconfig.validate.ValidatedInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KubeadmConfigFactoryTest {
    private static final List<NodeSpec> NODES = List.of(
            new NodeSpec("cp-1", new IPAddressString("10.1.0.11").getAddress(), new IPAddressString("2:2:1:1::11").getAddress(), "ens192"),
            new NodeSpec("worker-1", new IPAddressString("10.1.0.21").getAddress(), new IPAddressString("2:2:1:1::21").getAddress(), "ens192"));

    private static List<JsonNode> docs(String yaml) throws Exception {
        return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
    }

    @Test
    void dualStackNetworkingInInputOrder() throws Exception {
        ValidatedInput input = TestSetup.dualStack();
        ServiceCidrs services = ServiceCidrs.resolve(List.of(), input.plan(), input.flavor());
        List<JsonNode> docs = docs(KubeadmConfigFactory.create(input.flavor(), input.plan(), services, NODES));
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .containsExactly("ClusterConfiguration", "InitConfiguration", "JoinConfiguration");
        JsonNode cluster = docs.get(0);
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta4");
        assertThat(cluster.path("networking").path("podSubnet").asText()).isEqualTo("10.2.0.0/24,1:2:1:1::/64");
        assertThat(cluster.path("networking").path("serviceSubnet").asText()).isEqualTo("10.96.0.0/12,fd00:10:96::/112");
        JsonNode init = docs.get(1);
        assertThat(init.path("localAPIEndpoint").path("advertiseAddress").asText()).isEqualTo("10.1.0.11");
        assertThat(init.path("nodeRegistration").path("kubeletExtraArgs").get(0).path("value").asText())
                .isEqualTo("10.1.0.11,2:2:1:1::11");
        assertThat(docs.get(2).path("nodeRegistration").path("name").asText()).isEqualTo("worker-1");
    }

    @Test
    void ipv6FirstInputGivesIpv6First() throws Exception {
        ValidatedInput input = TestSetup.validated("kubernetes-1.30", "2:2:1:1::1/64, 10.1.0.1/16",
                "1:2:1:1::1/64, 10.2.0.1/24");
        ServiceCidrs services = ServiceCidrs.resolve(List.of("10.96.0.0/12", "fd00:10:96::/112"), input.plan(), input.flavor());
        List<JsonNode> docs = docs(KubeadmConfigFactory.create(input.flavor(), input.plan(), services, NODES));
        assertThat(docs.get(0).path("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta3");
        assertThat(docs.get(0).path("networking").path("podSubnet").asText()).isEqualTo("1:2:1:1::/64,10.2.0.0/24");
        assertThat(docs.get(0).path("networking").path("serviceSubnet").asText()).isEqualTo("fd00:10:96::/112,10.96.0.0/12");
        assertThat(docs.get(1).path("nodeRegistration").path("kubeletExtraArgs").path("node-ip").asText())
                .isEqualTo("2:2:1:1::11,10.1.0.11");
    }

    @Test
    void withoutNodesOnlyTheClusterConfiguration() throws Exception {
        ValidatedInput input = TestSetup.dualStack();
        ServiceCidrs services = ServiceCidrs.resolve(null, input.plan(), input.flavor());
        assertThat(docs(KubeadmConfigFactory.create(input.flavor(), input.plan(), services, List.of()))).hasSize(1);
    }
}
