package io.acicni.netconfig.derive;

import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.IpRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.acicni.netconfig.TestInputs.net;
import static org.assertj.core.api.Assertions.assertThat;

class AciContainersConfigFactoryTest {

    @Test
    void keepsTheInputOrderOfFamilies() throws Exception {
        AciContainersConfig config = AciContainersConfigFactory.create(TestInputs.validate(net(
                "node_subnet", List.of("2:2:1:1::1/64", "10.1.0.1/16"),
                "pod_subnet", List.of("1:2:1:1::1/64", "10.2.0.1/24"))));
        assertThat(config.controller().podSubnets()).containsExactly("1:2:1:1::1/64", "10.2.0.1/24");
        assertThat(config.controller().podIpPool()).containsExactly(
                new IpRange("1:2:1:1::2", "1:2:1:1:ffff:ffff:ffff:fffe"), new IpRange("10.2.0.2", "10.2.0.254"));
        assertThat(config.hostAgent().cniNetConfig().get(0).subnet()).isEqualTo("1:2:1:1::/64");
        assertThat(config.hostAgent().nodeSubnets()).containsExactly("2:2:1:1::1/64", "10.1.0.1/16");
    }

    @Test
    void echoesTypedStringsAndFormatsComputedOnes() throws Exception {
        AciContainersConfig config = AciContainersConfigFactory.create(TestInputs.validate(net(
                "pod_subnet", List.of("10.2.0.1/24", "2001:0DB8:0042::0001/64"))));
        assertThat(config.controller().podSubnets()).containsExactly("10.2.0.1/24", "2001:0DB8:0042::0001/64");
        assertThat(config.controller().podIpPool().get(1))
                .isEqualTo(new IpRange("2001:db8:42::2", "2001:db8:42:0:ffff:ffff:ffff:fffe"));
        assertThat(config.hostAgent().cniNetConfig().get(1).gateway()).isEqualTo("2001:db8:42::1");
    }

    @Test
    void oneEntryPerInputEntry() throws Exception {
        AciContainersConfig config = AciContainersConfigFactory.create(TestInputs.validate(net(
                "pod_subnet", List.of("10.2.0.1/24", "10.2.1.1/24", "1:2:1:1::1/64"),
                "node_svc_subnet", List.of("10.5.0.1/24", "1:7:1:1::1/96"))));
        assertThat(config.controller().podIpPool()).hasSize(3);
        assertThat(config.hostAgent().cniNetConfig()).hasSize(3);
        assertThat(config.controller().nodeServiceIpPool()).containsExactly(
                new IpRange("10.5.0.2", "10.5.0.254"), new IpRange("1:7:1:1::2", "1:7:1:1::ffff:fffe"));
        assertThat(config.controller().nodeServiceSubnets()).containsExactly("10.5.0.1/24", "1:7:1:1::1/96");
    }

    @Test
    void newNamingUsesTheSystemIdPrefix() throws Exception {
        String yaml = TestInputs.yaml(net()).replace("use_legacy_kube_naming_convention: true",
                "use_legacy_kube_naming_convention: false");
        AciContainersConfig config = AciContainersConfigFactory.create(TestInputs.validate(yaml, TestInputs.k8s()));
        assertThat(config.controller().aciPodBdDn()).isEqualTo("uni/tn-kube/BD-aci-containers-kube-pod-bd");
        assertThat(config.controller().defaultEndpointGroup().name()).isEqualTo("aci-containers-kube|aci-containers-default");
    }
}
