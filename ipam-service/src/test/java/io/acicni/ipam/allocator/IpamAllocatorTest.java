package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpamAllocatorTest {

    private static AllocatorConfig ciscoExample() {
        return AllocatorConfig.builder()
                .podRange("10.2.0.2-10.2.255.254").podRange("2001:fb8:42::2-2001:fb8:42:ff:ffff:ffff:ffff:fffe")
                .serviceRange("10.3.0.2-10.3.0.254").serviceRange("2001:4fb8:43::2-2001:4fb8:43::fffe")
                .staticServiceRange("10.4.0.2-10.4.0.254").staticServiceRange("2001:5ab8:43::2-2001:5ab8:43::fffe")
                .nodeServiceRange("10.5.0.2-10.5.0.254").nodeServiceRange("fd00:5::2-fd00:5::fffe")
                .build();
    }

    @Test
    void countersCoverEveryPoolAndFamilyAndAddUp() {
        IpamAllocator ipam = new IpamAllocator(ciscoExample());
        List<PoolCounters> counters = ipam.counters();
        assertThat(counters).extracting(PoolCounters::pool).containsExactly(PoolName.POD, PoolName.POD,
                PoolName.SERVICE, PoolName.SERVICE, PoolName.STATIC_SERVICE, PoolName.STATIC_SERVICE,
                PoolName.NODE_SERVICE, PoolName.NODE_SERVICE);
        assertThat(counters.get(0).size()).isEqualTo(BigInteger.valueOf(65533));
        assertThat(counters.get(1).size()).isEqualTo(BigInteger.TWO.pow(72).subtract(BigInteger.valueOf(3)));
        for (PoolCounters c : counters) {
            assertThat(BigInteger.valueOf(c.used() + c.quarantined()).add(c.free())).isEqualTo(c.size());
        }
        assertThat(PoolName.STATIC_SERVICE.configKey()).isEqualTo("static-service-ip-pool");
    }

    @Test
    void defaultsAndPrimaryFamilyOrder() {
        AllocatorConfig c = AllocatorConfig.builder().podRange("fd00::/64").podRange("10.0.0.0/16").build();
        assertThat(c.chunkSize()).isEqualTo(32);
        assertThat(c.podFamilies()).containsExactly(IpFamily.V6, IpFamily.V4);
        assertThat(c.quarantine()).isEqualTo(AllocatorConfig.DEFAULT_QUARANTINE);
    }

    @Test
    void podFamilyWithoutRangeIsRejected() {
        assertThatThrownBy(() -> new AllocatorConfig(List.of(IpFamily.V4, IpFamily.V6),
                List.of(AddressRange.ofCidr("10.0.0.0/16")), 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V6");
    }

    @Test
    void overlappingPoolsAreRejected() {
        assertThatThrownBy(() -> new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16")
                .serviceRange("10.2.255.0-10.2.255.9").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }

    @Test
    void readinessGate() {
        IpamAllocator ipam = new IpamAllocator(ciscoExample());
        assertThat(ipam.isReady()).isFalse();
        ipam.markReady();
        assertThat(ipam.isReady()).isTrue();
    }
}
