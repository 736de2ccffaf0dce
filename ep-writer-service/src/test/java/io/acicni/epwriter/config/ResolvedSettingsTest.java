package io.acicni.epwriter.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.sync.NodeDirs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolvedSettingsTest {

    @Test
    void expandsNodePlaceholders() {
        List<NodeDirs> dirs = ResolvedSettings.nodeDirs(List.of("n1", "n2"), "/sim/{node}/ep", "/sim/{node}/svc", "/sim/{node}/meta");
        assertThat(dirs).extracting(NodeDirs::endpointDir).containsExactly(Path.of("/sim/n1/ep"), Path.of("/sim/n2/ep"));
    }

    @Test
    void severalNodesNeedThePlaceholderAndSafeNames() {
        assertThatThrownBy(() -> ResolvedSettings.nodeDirs(List.of("n1", "n2"), "/ep", "/sim/{node}/svc", "/m/{node}"))
                .hasMessageContaining("acicni.ep-writer.endpoint-dir must contain {node}");
        assertThatThrownBy(() -> ResolvedSettings.nodeDirs(List.of("../x"), "/ep/{node}", "/svc", "/m"))
                .hasMessageContaining("field 'node'");
        assertThatThrownBy(() -> ResolvedSettings.nodeDirs(List.of("n1", "n1"), "/{node}", "/{node}", "/{node}"))
                .hasMessageContaining("twice");
    }

    @Test
    void readsTheHostAgentConfigFile() {
        HostAgentConfig config = HostAgentConfigFile.read(Path.of("src/test/resources/host-agent-config.json"));
        assertThat(config.aciVrf()).isEqualTo("kube-vrf");
        assertThat(config.serviceVlan()).isEqualTo(4003);
        assertThat(config.defaultEndpointGroup().endpointGroupName()).isEqualTo("aci-containers-kube|aci-containers-default");
        assertThat(config.defaultSecurityGroup()).hasSize(1);
    }

    @Test
    void wrongTypesNameTheKey() throws Exception {
        ObjectMapper m = new ObjectMapper();
        assertThatThrownBy(() -> HostAgentConfigFile.parse(m.readTree("{\"service-vlan\": \"x\"}"), "t"))
                .hasMessageContaining("'service-vlan' must be an integer 0..4095, got \"x\"");
        assertThatThrownBy(() -> HostAgentConfigFile.parse(m.readTree("{\"aci-vrf\": 3}"), "t"))
                .hasMessageContaining("'aci-vrf' must be a string");
        assertThatThrownBy(() -> HostAgentConfigFile.parse(m.readTree("{\"default-endpoint-group\": {\"nam\": \"x\"}}"), "t"))
                .hasMessageContaining("unknown key 'nam'");
    }
}
