package io.acicni.netconfig.config;

import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.ip.IpFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.acicni.netconfig.TestInputs.net;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AciContainersConfigTest {

    private static AciContainersConfig provisioned() throws Exception {
        return AciContainersConfigFactory.create(TestInputs.validate(net()));
    }

    @Test
    void readsBackWhatProvisioningWrites() throws Exception {
        AciContainersConfig written = provisioned();
        Map<String, String> data = written.toConfigMapData();
        AciContainersConfig read = AciContainersConfig.fromConfigMapData(data);
        assertThat(read.toConfigMapData()).isEqualTo(data);

        ControllerConfig controller = read.controller();
        assertThat(controller.podIpPool(IpFamily.IPV4)).containsExactly(new IpRange("10.2.0.2", "10.2.0.254"));
        assertThat(controller.podIpPool(IpFamily.IPV6))
                .containsExactly(new IpRange("1:2:1:1::2", "1:2:1:1:ffff:ffff:ffff:fffe"));
        assertThat(controller.podSubnetChunkSize()).isEqualTo(32);
        assertThat(controller.serviceIpPool(IpFamily.IPV6))
                .containsExactly(new IpRange("1:5:1:1::2", "1:5:1:1:ffff:ffff:ffff:fffe"));
        assertThat(controller.staticServiceIpPool(IpFamily.IPV4)).containsExactly(new IpRange("10.4.0.2", "10.4.0.254"));
        assertThat(controller.nodeServiceIpPool()).containsExactly(new IpRange("10.5.0.2", "10.5.0.254"));
        assertThat(controller.nodeServiceIpPool(IpFamily.IPV6)).isEmpty();
        assertThat(controller.podFamilies()).containsExactly(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(controller.podSubnetCidrs().get(1).gateway().toCanonicalString()).isEqualTo("1:2:1:1::1");
        assertThat(controller.podSubnet(IpFamily.IPV6)).contains(
                new PodSubnet("1:2:1:1::1/64", IpFamily.IPV6, 64, "1:2:1:1::/64", "1:2:1:1::1"));
        assertThat(controller.podSubnetsWithGateways()).extracting(PodSubnet::gateway)
                .containsExactly("10.2.0.1", "1:2:1:1::1");
        assertThat(controller.defaultEndpointGroup()).isEqualTo(new EndpointGroup("kube", "kubernetes|kube-default"));
        assertThat(controller.aciPodBdDn()).isEqualTo("uni/tn-kube/BD-kube-pod-bd");

        HostAgentConfig host = read.hostAgent();
        assertThat(host.cniNetConfig(IpFamily.IPV6)).contains(new CniNetConfig("1:2:1:1::1",
                List.of(new CniRoute("::/0", "1:2:1:1::1")), "1:2:1:1::/64"));
        assertThat(host.nodeSubnets()).containsExactly("10.1.0.1/16", "2:2:1:1::1/64");
        assertThat(host.opflexEndpointDir()).isEqualTo("/var/lib/opflex-agent-ovs/endpoints/");
        assertThat(host.opflexServiceDir()).isEqualTo("/var/lib/opflex-agent-ovs/services/");
        assertThat(host.serviceVlan()).isEqualTo(4003);
        assertThat(host.infraVlan()).isEqualTo(4093);
    }

    @Test
    void readsAMountedDirectory(@TempDir Path dir) throws Exception {
        Map<String, String> data = provisioned().toConfigMapData();
        Files.writeString(dir.resolve("controller.conf"), data.get("controller-config"));
        Files.writeString(dir.resolve("host-agent.conf"), data.get("host-agent-config"));
        assertThat(AciContainersConfig.fromDirectory(dir).toConfigMapData()).isEqualTo(data);
    }

    @Test
    void readsAccProvisionsOwnConfigAndKeepsUnknownKeys() {
        String json = """
                {"pod-ip-pool": [{"end": "10.2.0.254", "start": "10.2.0.2"}],
                 "pod-subnet": ["10.2.0.1/24"], "some-future-key": {"x": 1}}
                """;
        ControllerConfig config = AciContainersConfig.controllerFromJson(json);
        assertThat(config.podSubnetChunkSize()).isEqualTo(32);
        assertThat(config.other()).containsKey("some-future-key");
        assertThat(ConfigJson.write(config)).contains("some-future-key");
    }

    @Test
    void defaultsWhenHostAgentKeysAreAbsent() {
        HostAgentConfig host = AciContainersConfig.hostAgentFromJson("{}");
        assertThat(host.opflexEndpointDir()).isEqualTo(HostAgentConfig.DEFAULT_ENDPOINT_DIR);
        assertThat(host.serviceVlan()).isEqualTo(4003);
        assertThat(host.cniNetConfig()).isEmpty();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> AciContainersConfig.controllerFromJson(
                "{\"pod-ip-pool\": [{\"start\": \"10.2.0.2\", \"end\": \"1::2\"}]}"))
                .isInstanceOf(ConfigReadException.class).hasMessageContaining("pod-ip-pool").hasMessageContaining("mixes");
        assertThatThrownBy(() -> AciContainersConfig.controllerFromJson(
                "{\"service-ip-pool\": [{\"start\": \"10.3.0.9\", \"end\": \"10.3.0.2\"}]}"))
                .isInstanceOf(ConfigReadException.class).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> AciContainersConfig.controllerFromJson("{\"pod-subnet\": [\"10.2.0.1\"]}"))
                .isInstanceOf(ConfigReadException.class).hasMessageContaining("pod-subnet");
        assertThatThrownBy(() -> AciContainersConfig.controllerFromJson("not json"))
                .isInstanceOf(ConfigReadException.class).hasMessageContaining("controller-config");
        assertThatThrownBy(() -> AciContainersConfig.fromConfigMapData(Map.of()))
                .isInstanceOf(ConfigReadException.class).hasMessage("controller-config is missing");
    }

    @Test
    void writesFourSpaceJsonLikeAccProvision() throws Exception {
        String json = provisioned().toConfigMapData().get("host-agent-config");
        assertThat(json).contains("\n    \"pod-subnet\": [\n        \"10.2.0.1/24\",\n        \"1:2:1:1::1/64\"\n    ],");
    }
}
