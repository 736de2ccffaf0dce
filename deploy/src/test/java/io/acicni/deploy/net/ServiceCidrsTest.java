package io.acicni.deploy.net;

import io.acicni.deploy.TestSetup;
import io.acicni.deploy.provision.ProvisionException;
import io.acicni.netconfig.validate.ValidatedInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceCidrsTest {
    private final ValidatedInput dual = TestSetup.dualStack();

    @Test
    void defaultsPerDistributionAndPodFamilies() throws Exception {
        ServiceCidrs k8s = ServiceCidrs.resolve(List.of(), dual.plan(), dual.flavor());
        assertThat(k8s.defaulted()).isTrue();
        assertThat(k8s.networks()).containsExactly("10.96.0.0/12", "fd00:10:96::/112");
        ValidatedInput v4 = TestSetup.validated("openshift-4.16", "10.1.0.1/16, 2:2:1:1::1/64", "10.2.0.1/16");
        assertThat(ServiceCidrs.resolve(null, v4.plan(), v4.flavor()).networks()).containsExactly("172.30.0.0/16");
    }

    @Test
    void givenCidrsAreOrderedLikeThePodFamilies() throws Exception {
        ServiceCidrs given = ServiceCidrs.resolve(List.of("fd00:77::1/112", "10.77.0.0/16"), dual.plan(), dual.flavor());
        assertThat(given.defaulted()).isFalse();
        assertThat(given.networks()).containsExactly("10.77.0.0/16", "fd00:77::/112");
    }

    @Test
    void rejectsMissingExtraDuplicateAndOverlappingFamilies() {
        assertThatThrownBy(() -> ServiceCidrs.resolve(List.of("10.77.0.0/16"), dual.plan(), dual.flavor()))
                .isInstanceOf(ProvisionException.class).hasMessage("Invalid --service-cidr: give one IPv6 CIDR, pod_subnet has IPv6");
        assertThatThrownBy(() -> ServiceCidrs.resolve(List.of("10.77.0.0/16", "10.78.0.0/16", "fd00::/112"), dual.plan(), dual.flavor()))
                .hasMessage("Invalid --service-cidr: more than one IPv4 CIDR");
        assertThatThrownBy(() -> ServiceCidrs.resolve(List.of("10.2.0.0/16", "fd00::/112"), dual.plan(), dual.flavor()))
                .hasMessageContaining("overlaps net_config/pod_subnet 10.2.0.1/24");
        assertThatThrownBy(() -> ServiceCidrs.resolve(List.of("10.77.0/16", "fd00::/112"), dual.plan(), dual.flavor()))
                .hasMessageContaining("is malformed");
        ValidatedInput v4 = TestSetup.validated("kubernetes-1.35", "10.1.0.1/16, 2:2:1:1::1/64", "10.2.0.1/16");
        assertThatThrownBy(() -> ServiceCidrs.resolve(List.of("10.77.0.0/16", "fd00::/112"), v4.plan(), v4.flavor()))
                .hasMessageContaining("pod_subnet has no IPv6 subnet");
    }
}
