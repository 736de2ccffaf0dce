package io.acicni.deploy.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.deploy.TestSetup;
import io.acicni.deploy.provision.ProvisionException;
import io.acicni.netconfig.validate.ValidatedInput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeNetworkFilesTest {
    private static final String NODES = """
            - name: node-1
              ipv4: 10.1.0.11
              ipv6: 2:2:1:1::11
              interface: ens192
            - name: node-2
              ipv4: 10.1.0.12
            """;

    @Test
    void netplanAndNmcliGiveTheIpv6AddressAndGateway() throws Exception {
        ValidatedInput input = TestSetup.dualStack();
        List<String> warnings = new ArrayList<>();
        Map<String, String> files = NodeNetworkFiles.build(NodeListReader.read(NODES, "nodes.yaml"), input.plan(), warnings);
        assertThat(files).containsOnlyKeys("node-1.netplan.yaml", "node-1.nmcli.sh");
        assertThat(warnings).containsExactly("node node-2 has no ipv6 in the nodes file; no node network files for it");
        JsonNode eth = new YAMLMapper().readTree(files.get("node-1.netplan.yaml")).path("network").path("ethernets").path("ens192");
        assertThat(eth.path("addresses").get(0).asText()).isEqualTo("2:2:1:1::11/64");
        assertThat(eth.path("routes").get(0).path("to").asText()).isEqualTo("::/0");
        assertThat(eth.path("routes").get(0).path("via").asText()).isEqualTo("2:2:1:1::1");
        assertThat(files.get("node-1.nmcli.sh"))
                .contains("nmcli -g GENERAL.CONNECTION device show 'ens192'")
                .contains("ipv6.method manual ipv6.addresses '2:2:1:1::11/64' ipv6.gateway '2:2:1:1::1'");
    }

    @Test
    void networkAddressTypedGivesNetworkPlusOneAsGateway() throws Exception {
        ValidatedInput input = TestSetup.validated("kubernetes-1.35", "10.1.0.1/16, 2:2:1:1::/64", "10.2.0.1/24, 1:2:1:1::1/64");
        Map<String, String> files = NodeNetworkFiles.build(NodeListReader.read(NODES, "n"), input.plan(), new ArrayList<>());
        assertThat(files.get("node-1.nmcli.sh")).contains("ipv6.gateway '2:2:1:1::1'");
    }

    @Test
    void needsAnIpv6NodeSubnet() {
        ValidatedInput input = TestSetup.validated("kubernetes-1.35", "10.1.0.1/16", "10.2.0.1/24");
        assertThat(input.plan().isDualStack()).isFalse();
        assertThatThrownBy(() -> NodeNetworkFiles.build(NodeListReader.read(NODES, "n"), input.plan(), new ArrayList<>()))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("needs an IPv6 node_subnet");
    }

    @Test
    void warnsAboutAddressesOutsideTheNodeSubnet() throws Exception {
        ValidatedInput input = TestSetup.dualStack();
        List<NodeSpec> nodes = NodeListReader.read("[{name: n, ipv4: 10.9.0.1, ipv6: 2:2:1:1::5}]", "n");
        assertThat(NodeNetworkFiles.addressWarnings(nodes, input.plan()))
                .containsExactly("node n IPv4 address 10.9.0.1 is not in any node_subnet");
    }

    @Test
    void rejectsBadNodeFiles() {
        assertThatThrownBy(() -> NodeListReader.read("[{name: n, ipv4: 2::1}]", "n.yaml"))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("is not an IPv4 address");
        assertThatThrownBy(() -> NodeListReader.read("[{ipv4: 10.1.0.1}]", "n.yaml"))
                .hasMessageContaining("name is missing");
        assertThatThrownBy(() -> NodeListReader.read("{}", "n.yaml")).hasMessageContaining("expected a list of nodes");
        assertThatThrownBy(() -> NodeListReader.read("[{name: a, ipv4: 10.1.0.1}, {name: a, ipv4: 10.1.0.2}]", "n.yaml"))
                .hasMessageContaining("listed twice");
    }
}
