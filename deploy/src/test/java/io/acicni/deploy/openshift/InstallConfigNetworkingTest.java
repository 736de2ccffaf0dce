package io.acicni.deploy.openshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.deploy.TestSetup;
import io.acicni.deploy.net.ServiceCidrs;
import io.acicni.netconfig.validate.ValidatedInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InstallConfigNetworkingTest {

    @Test
    void hostStyleIpv6CidrGetsHostPrefix64UnlikeAccProvision() throws Exception {
        ValidatedInput input = TestSetup.validated("openshift-4.18-baremetal", "10.1.0.1/16, 2:2:1:1::1/64",
                "10.2.0.1/16, 1:2:1:1::1/56");
        ServiceCidrs services = ServiceCidrs.resolve(List.of(), input.plan(), input.flavor());
        JsonNode net = new YAMLMapper().readTree(InstallConfigNetworking.create(input.plan(), services)).path("networking");
        assertThat(net.path("networkType").asText()).isEqualTo("CiscoACI");
        assertThat(net.path("clusterNetwork").get(0).path("cidr").asText()).isEqualTo("10.2.0.0/16");
        assertThat(net.path("clusterNetwork").get(0).path("hostPrefix").asInt()).isEqualTo(23);
        assertThat(net.path("clusterNetwork").get(1).path("cidr").asText()).isEqualTo("1:2:1::/56");
        assertThat(net.path("clusterNetwork").get(1).path("hostPrefix").asInt()).isEqualTo(64);
        assertThat(net.path("machineNetwork").findValuesAsText("cidr")).containsExactly("10.1.0.0/16", "2:2:1:1::/64");
        assertThat(net.path("serviceNetwork").get(0).asText()).isEqualTo("172.30.0.0/16");
        assertThat(net.path("serviceNetwork").get(1).asText()).isEqualTo("fd02::/112");
        assertThat(InstallConfigNetworking.warnings(input.plan())).isEmpty();
    }

    @Test
    void warnsWhenAClusterNetworkIsSmallerThanItsHostPrefix() {
        ValidatedInput input = TestSetup.validated("openshift-4.18", "10.1.0.1/16, 2:2:1:1::1/64",
                "10.2.0.1/24, 1:2:1:1::1/64");
        assertThat(InstallConfigNetworking.warnings(input.plan())).containsExactly(
                "clusterNetwork 10.2.0.0/24 is smaller than its hostPrefix 23; OpenShift needs /23 or larger");
    }
}
