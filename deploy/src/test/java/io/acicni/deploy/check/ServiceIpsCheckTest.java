package io.acicni.deploy.check;

import io.acicni.deploy.SuiteState;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dual-stack service rule on Service objects as a broken API server or controller could leave them. */
class ServiceIpsCheckTest {

    private static Service service(String name, String policy, List<String> families, List<String> clusterIps) {
        Service s = SuiteState.service("default", name, policy, families);
        s.getSpec().setClusterIPs(clusterIps);
        s.getSpec().setClusterIP(clusterIps.isEmpty() ? null : clusterIps.get(0));
        return s;
    }

    @Test
    void bothClusterIpsInFamilyOrderPass() {
        CheckResult r = ServiceIpsCheck.run(List.of(service("web", "RequireDualStack", List.of("IPv6", "IPv4"), List.of("fd00:96::a", "10.96.0.10"))));
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.evidence()).contains("default/web: RequireDualStack [IPv6, IPv4] clusterIPs [fd00:96::a, 10.96.0.10]");
    }

    @Test
    void aSingleClusterIpOnADualStackServiceFailsNamingServiceAndValue() {
        CheckResult r = ServiceIpsCheck.run(List.of(
                service("web", "PreferDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.10")),
                service("ok", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.11", "fd00:96::b"))));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence().get(0)).isEqualTo(
                "default/web: PreferDualStack ipFamilies [IPv4, IPv6] but clusterIPs [10.96.0.10] - only one cluster IP (IPv4)");
        assertThat(r.evidence()).contains("1 of 2 dual-stack services have a cluster IP of each family in ipFamilies order (0 single-stack services left out)");
    }

    @Test
    void clusterIpsInTheWrongOrderOrOfOneFamilyFail() {
        CheckResult order = ServiceIpsCheck.run(List.of(service("a", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("fd00:96::a", "10.96.0.10"))));
        assertThat(order.evidence().get(0)).contains("clusterIPs[0] is IPv6, ipFamilies[0] is IPv4");
        CheckResult same = ServiceIpsCheck.run(List.of(service("b", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.1", "10.96.0.2"))));
        assertThat(same.evidence().get(0)).contains("not one address per family");
    }

    @Test
    void headlessExternalNameAndSingleStackServicesAreLeftOut() {
        Service headless = service("h", "RequireDualStack", List.of("IPv4", "IPv6"), List.of("None"));
        headless.getSpec().setClusterIP("None");
        Service single = service("s", "SingleStack", List.of("IPv4"), List.of("10.96.0.3"));
        CheckResult r = ServiceIpsCheck.run(List.of(headless, single));
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.evidence().get(0)).contains("no dual-stack service", "1 single-stack services");
    }

    @Test
    void requireDualStackWithOneFamilyFailsPreferDualStackIsANote() {
        CheckResult r = ServiceIpsCheck.run(List.of(service("r", "RequireDualStack", List.of("IPv4"), List.of("10.96.0.3")),
                service("p", "PreferDualStack", List.of("IPv4"), List.of("10.96.0.4"))));
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence()).anyMatch(e -> e.startsWith("default/r: RequireDualStack but ipFamilies [IPv4]"));
        assertThat(r.evidence()).anyMatch(e -> e.startsWith("default/p: PreferDualStack but ipFamilies [IPv4]"));
    }
}
