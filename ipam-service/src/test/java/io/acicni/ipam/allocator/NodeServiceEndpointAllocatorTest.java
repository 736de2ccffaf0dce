package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeServiceEndpointAllocatorTest {
    private final MutableClock clock = new MutableClock(0);
    private final IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder()
            .podRange("10.2.0.0/16").podRange("fd00:2::/64")
            .nodeServiceRange("10.5.0.2-10.5.0.4").nodeServiceRange("fd00:5::2-fd00:5::fffe")
            .quarantine(Duration.ofSeconds(30)).clock(clock).build());
    private final NodeServiceEndpointAllocator eps = ipam.nodeServiceEndpoints();

    NodeServiceEndpointAllocatorTest() {
        ipam.markReady();
    }

    private static Address a(String s) {
        return Address.parse(s);
    }

    @Test
    void lowestFreePerFamilyAndIdempotent() {
        NodeServiceEndpoint n1 = eps.allocate("n1", Map.of());
        assertThat(n1.ipv4()).isEqualTo(a("10.5.0.2"));
        assertThat(n1.ipv6()).isEqualTo(a("fd00:5::2"));
        assertThat(eps.allocate("n1", Map.of())).isEqualTo(n1);
        assertThat(eps.allocate("n2", Map.of()).ipv4()).isEqualTo(a("10.5.0.3"));
    }

    @Test
    void existingAnnotationAddressIsReusedWhenFreeElseLowestWithConflict() {
        NodeServiceEndpoint n1 = eps.allocate("n1", Map.of(IpFamily.V4, a("10.5.0.4"), IpFamily.V6, a("fd00:5::99")));
        assertThat(n1.ipv4()).isEqualTo(a("10.5.0.4"));
        assertThat(n1.ipv6()).isEqualTo(a("fd00:5::99"));
        NodeServiceEndpoint n2 = eps.allocate("n2", Map.of(IpFamily.V4, a("10.5.0.4")));
        assertThat(n2.ipv4()).isEqualTo(a("10.5.0.2"));
        assertThat(n2.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo(AllocationError.ALREADY_ALLOCATED);
            assertThat(c.detail()).contains("n1");
        });
    }

    @Test
    void exhaustedFamilyIsOmittedAndReported() {
        eps.allocate("n1", Map.of());
        eps.allocate("n2", Map.of());
        eps.allocate("n3", Map.of());
        NodeServiceEndpoint n4 = eps.allocate("n4", Map.of());
        assertThat(n4.ipv4()).isNull();
        assertThat(n4.ipv6()).isEqualTo(a("fd00:5::5"));
        assertThat(n4.conflicts()).extracting(Conflict::error).containsExactly(AllocationError.RANGE_FULL);
    }

    @Test
    void nodeRemovalQuarantinesItsAddresses() {
        eps.allocate("n1", Map.of());
        assertThat(eps.release("n1")).containsExactlyInAnyOrder(a("10.5.0.2"), a("fd00:5::2"));
        assertThat(eps.endpoint("n1")).isNull();
        assertThat(eps.allocate("n2", Map.of()).ipv4()).isEqualTo(a("10.5.0.3"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(eps.allocate("n3", Map.of()).ipv4()).isEqualTo(a("10.5.0.2"));
    }

    @Test
    void restoreClaimsOnlyWhatTheAnnotationSays() {
        IpamAllocator fresh = new IpamAllocator(ipam.config());
        NodeServiceEndpoint r = fresh.nodeServiceEndpoints().restore("n1", Map.of(IpFamily.V4, a("10.5.0.3")));
        assertThat(r.ipv4()).isEqualTo(a("10.5.0.3"));
        assertThat(r.ipv6()).isNull();
        assertThat(r.conflicts()).isEmpty();
    }
}
