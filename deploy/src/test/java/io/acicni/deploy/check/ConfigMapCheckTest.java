package io.acicni.deploy.check;

import io.acicni.deploy.SuiteState;
import io.acicni.netconfig.config.AciContainersConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigMapCheckTest {

    @Test
    void anIpv4OnlyConfigFailsNamingTheKeysAndValues() {
        ConfigMap cm = SuiteState.configMap();
        String controller = cm.getData().get(AciContainersConfig.CONTROLLER_KEY)
                .replace("\"1:2:1:1::1/64\"", "").replaceAll(",\\s*]", "]")
                .replaceAll("\\{\\s*\"end\"\\s*:\\s*\"1:2:1:1:[^}]*}", "").replaceAll(",\\s*]", "]");
        cm.getData().put(AciContainersConfig.CONTROLLER_KEY, controller);
        List<CheckResult> r = ConfigMapCheck.run(Optional.of(SuiteConfig.of(cm)), SuiteState.NAMESPACE);
        assertThat(r.get(0).status()).as(controller).isEqualTo(CheckStatus.FAIL);
        assertThat(r.get(0).evidence()).contains(
                "aci-containers-system/aci-containers-config controller-config pod-subnet: 10.2.0.1/24 (IPv4) - no IPv6 entry",
                "aci-containers-system/aci-containers-config controller-config pod-ip-pool: 10.2.0.2-10.2.0.254 (IPv4) - no IPv6 range");
        assertThat(r.get(1).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void anUnreadableKeyFailsWithTheReason() {
        ConfigMap cm = SuiteState.configMap();
        cm.getData().put(AciContainersConfig.HOST_AGENT_KEY, "{not json");
        List<CheckResult> r = ConfigMapCheck.run(Optional.of(SuiteConfig.of(cm)), SuiteState.NAMESPACE);
        assertThat(r.get(1).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.get(1).evidence().get(0)).startsWith("aci-containers-system/aci-containers-config host-agent-config cannot be read:");
    }

    @Test
    void theFixturesPrimaryFamilyIsIpv4() {
        assertThat(SuiteConfig.primaryFamily(Optional.of(SuiteConfig.of(SuiteState.configMap()))).label()).isEqualTo("IPv4");
        assertThat(SuiteConfig.primaryFamily(Optional.empty()).label()).isEqualTo("IPv4");
    }
}
