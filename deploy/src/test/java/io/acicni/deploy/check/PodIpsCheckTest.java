package io.acicni.deploy.check;

import io.acicni.deploy.SuiteState;
import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodIpsCheckTest {
    private static final List<IpFamily> V6_FIRST = List.of(IpFamily.IPV6, IpFamily.IPV4);

    @Test
    void onAnIpv6PrimaryClusterIpv6MustComeFirst() {
        Pod good = SuiteState.pod("default", "a-1", "n1", "fd00::5", "10.2.0.5");
        Pod bad = SuiteState.pod("default", "b-1", "n1", "10.2.0.6", "fd00::6");
        CheckResult r = PodIpsCheck.run(List.of(good, bad), V6_FIRST);
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.evidence().get(0)).isEqualTo("default/b-1 (node n1): podIPs [10.2.0.6, fd00::6] wrong order: IPv4 first, "
                + "the cluster's primary family IPv6 must come first");
        assertThat(r.evidence()).contains("default/a-1: fd00::5, 10.2.0.5");
    }

    @Test
    void twoAddressesOfOneFamilyAndARunningPodWithoutIpsFail() {
        Pod two = SuiteState.pod("default", "c-1", "n1", "10.2.0.7", "10.2.0.8");
        Pod none = SuiteState.pod("default", "d-1", "n1");
        none.getStatus().setPhase("Running");
        CheckResult r = PodIpsCheck.run(List.of(two, none), List.of(IpFamily.IPV4, IpFamily.IPV6));
        assertThat(r.evidence()).contains("default/c-1 (node n1): podIPs [10.2.0.7, 10.2.0.8] has 2 IPv4 addresses; lacks IPv6",
                "default/d-1 (node n1): Running but status.podIPs is empty");
    }

    @Test
    void finishedPodsAreSkipped() {
        Pod done = SuiteState.pod("default", "job-1", "n1", "10.2.0.9");
        done.getStatus().setPhase("Succeeded");
        assertThat(PodIpsCheck.run(List.of(done), List.of(IpFamily.IPV4, IpFamily.IPV6)).status()).isEqualTo(CheckStatus.SKIP);
    }
}
