package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceIpRulesTest {
    private final ServiceIpRules dual = new ServiceIpRules(new ClusterIpAllocator(ServiceCidrs.defaults()));

    private static ServiceSpec spec(String policy, String... families) {
        return new ServiceSpecBuilder().withType("ClusterIP").withIpFamilyPolicy(policy)
                .withIpFamilies(families.length == 0 ? null : List.of(families)).build();
    }

    @Test
    void singleStackWithoutFamiliesTakesThePrimaryFamily() {
        ServiceIpRules.Assignment a = dual.assign(spec(null));
        assertThat(a.ipFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(a.ipFamilies()).containsExactly("IPv4");
        assertThat(a.clusterIPs()).hasSize(1);
        assertThat(a.clusterIP()).startsWith("10.96.");
    }

    @Test
    void singleStackIpv6() {
        ServiceIpRules.Assignment a = dual.assign(spec("SingleStack", "IPv6"));
        assertThat(a.ipFamilies()).containsExactly("IPv6");
        assertThat(a.clusterIP()).startsWith("fd00:96::");
    }

    @Test
    void preferDualStackGetsBothPrimaryFirst() {
        ServiceIpRules.Assignment a = dual.assign(spec("PreferDualStack"));
        assertThat(a.ipFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(IpFamilies.ofText(a.clusterIPs().get(0))).isEqualTo("IPv4");
        assertThat(IpFamilies.ofText(a.clusterIPs().get(1))).isEqualTo("IPv6");
    }

    @Test
    void preferDualStackWithOneFamilyAddsTheOtherSecond() {
        ServiceIpRules.Assignment a = dual.assign(spec("PreferDualStack", "IPv6"));
        assertThat(a.ipFamilies()).containsExactly("IPv6", "IPv4");
        assertThat(a.clusterIP()).startsWith("fd00:96::");
    }

    @Test
    void requireDualStackFollowsTheGivenOrder() {
        ServiceIpRules.Assignment a = dual.assign(spec("RequireDualStack", "IPv6", "IPv4"));
        assertThat(a.ipFamilies()).containsExactly("IPv6", "IPv4");
        assertThat(IpFamilies.ofText(a.clusterIPs().get(0))).isEqualTo("IPv6");
        assertThat(a.clusterIPs().get(1)).startsWith("10.96.");
    }

    @Test
    void ipv6PrimaryClusterDefaultsToIpv6() {
        ServiceIpRules v6first = new ServiceIpRules(new ClusterIpAllocator(ServiceCidrs.of("fd00:96::/108", "10.96.0.0/16")));
        assertThat(v6first.assign(spec(null)).ipFamilies()).containsExactly("IPv6");
        assertThat(v6first.assign(spec("RequireDualStack")).ipFamilies()).containsExactly("IPv6", "IPv4");
    }

    @Test
    void singleStackClusterServesPreferButRejectsRequire() {
        ServiceIpRules v4only = new ServiceIpRules(new ClusterIpAllocator(ServiceCidrs.of("10.96.0.0/16")));
        assertThat(v4only.assign(spec("PreferDualStack")).ipFamilies()).containsExactly("IPv4");
        assertThatThrownBy(() -> v4only.assign(spec("RequireDualStack")))
                .isInstanceOf(InvalidObjectException.class).hasMessageContaining("spec.ipFamilyPolicy");
        assertThatThrownBy(() -> v4only.assign(spec("SingleStack", "IPv6")))
                .isInstanceOf(InvalidObjectException.class).hasMessageStartingWith("spec.ipFamilies[0]");
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> dual.assign(spec("SingleStack", "IPv5")))
                .hasMessageStartingWith("spec.ipFamilies[0]").hasMessageContaining("IPv5");
        assertThatThrownBy(() -> dual.assign(spec("DualStackPlease")))
                .hasMessageStartingWith("spec.ipFamilyPolicy");
        assertThatThrownBy(() -> dual.assign(spec("SingleStack", "IPv4", "IPv6")))
                .hasMessageStartingWith("spec.ipFamilies");
        assertThatThrownBy(() -> dual.assign(new ServiceSpecBuilder().withClusterIP("192.0.2.1").build()))
                .hasMessageStartingWith("spec.clusterIPs[0]").hasMessageContaining("outside");
    }

    @Test
    void keepsExistingAddressesUpgradesAndDowngrades() {
        ServiceIpRules.Assignment single = dual.assign(spec("SingleStack"));
        ServiceSpec upgraded = spec("PreferDualStack");
        upgraded.setClusterIPs(single.clusterIPs());
        ServiceIpRules.Assignment both = dual.assign(upgraded);
        assertThat(both.clusterIPs()).hasSize(2).startsWith(single.clusterIP());

        ServiceSpec downgraded = spec("SingleStack", "IPv4", "IPv6");
        downgraded.setClusterIPs(both.clusterIPs());
        ServiceIpRules.Assignment back = dual.assign(downgraded);
        assertThat(back.clusterIPs()).containsExactly(single.clusterIP());
        assertThat(back.ipFamilies()).containsExactly("IPv4");
    }

    @Test
    void headlessAndExternalNameAreLeftAlone() {
        assertThat(ServiceIpRules.leftAlone(new ServiceSpecBuilder().withClusterIP("None").build())).isTrue();
        assertThat(ServiceIpRules.leftAlone(new ServiceSpecBuilder().withType("ExternalName").build())).isTrue();
        assertThat(ServiceIpRules.leftAlone(new ServiceSpecBuilder().withType("LoadBalancer").build())).isFalse();
    }

    @Test
    void addressesAreDistinctAndInsideTheRanges() {
        ClusterIpAllocator allocator = new ClusterIpAllocator(ServiceCidrs.of("10.96.0.0/29", "fd00:96::/125"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            String v4 = allocator.allocate("IPv4");
            assertThat(seen.add(v4)).as("duplicate %s", v4).isTrue();
            assertThat(v4).isNotIn("10.96.0.0", "10.96.0.7");
        }
        assertThatThrownBy(() -> allocator.allocate("IPv4")).hasMessageContaining("full");
        allocator.release("10.96.0.3");
        assertThat(allocator.allocate("IPv4")).isEqualTo("10.96.0.3");
        for (int i = 0; i < 7; i++) {
            assertThat(allocator.allocate("IPv6")).startsWith("fd00:96::").isNotEqualTo("fd00:96::");
        }
    }

    @Test
    void serviceCidrsAreChecked() {
        assertThatThrownBy(() -> ServiceCidrs.of("10.96.0.0/16", "10.97.0.0/16")).hasMessageStartingWith("serviceCidrs[1]");
        assertThatThrownBy(() -> ServiceCidrs.of("10.96.0.0")).hasMessageStartingWith("serviceCidrs[0]");
        assertThatThrownBy(() -> ServiceCidrs.of("fd00::/48")).hasMessageContaining("/64");
    }
}
