package io.acicni.localrun.suite;

import io.acicni.netconfig.ip.IpFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteInputsTest {

    @Test
    void defaultInputIsTheSeedsDualStackNetConfig() {
        SuiteInputs inputs = SuiteInputs.load(null, SuiteInputs.DEFAULT_FLAVOR);
        var plan = inputs.validated().plan();
        assertThat(plan.podFamilies()).containsExactly(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(plan.podSubnets()).extracting(c -> c.text()).containsExactly("10.2.0.1/16", "2001:0fb8:0042::1/56");
        assertThat(plan.nodeSubnets()).extracting(c -> c.text()).containsExactly("192.168.51.1/24", "2600:1d18:f46:9605::1/64");
        assertThat(plan.externDynamic()).extracting(c -> c.text()).containsExactly("10.3.0.1/24", "2001:4fb8:0043::1/56");
        assertThat(plan.externStatic()).extracting(c -> c.text()).containsExactly("10.4.0.1/24", "2001:5ab8:0043::1/56");
        assertThat(inputs.tenant()).isEqualTo("kube");
        assertThat(inputs.vrfTenant()).isEqualTo("common");
    }

    @Test
    void writesWhatTheConfigMapsMount(@TempDir Path dir) throws Exception {
        SuiteLayout layout = new SuiteLayout(dir, dir.resolve("var"));
        SuiteInputs.load(null, SuiteInputs.DEFAULT_FLAVOR).writeTo(layout);
        assertThat(Files.readString(layout.controllerConfig())).contains("\"pod-ip-pool\"").contains("2001:fb8:42::");
        assertThat(Files.readString(layout.hostAgentConfig())).contains("\"aci-vrf\"");
        assertThat(Files.readString(layout.fabricObjects())).contains("2600:1d18:f46:9605::1/64");
    }

    @Test
    void invalidInputFailsWithProvisionsMessages(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("bad.yaml");
        Files.writeString(input, """
                aci_config:
                  system_id: kube
                net_config:
                  pod_subnet: [10.2.0.1/16, 10.3.0.1/16]
                """);
        assertThatThrownBy(() -> SuiteInputs.load(input, SuiteInputs.DEFAULT_FLAVOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input.toString())
                .hasMessageContaining("ERR:  Invalid configuration for net_config/node_subnet: Missing option");
    }

    @Test
    void unknownFlavorIsNamed() {
        assertThatThrownBy(() -> SuiteInputs.load(null, "kubernetes-0.1"))
                .hasMessageContaining("Invalid configuration flavor: kubernetes-0.1");
    }
}
