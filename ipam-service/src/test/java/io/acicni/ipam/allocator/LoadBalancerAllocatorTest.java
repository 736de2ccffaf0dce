package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancerAllocatorTest {
    private final MutableClock clock = new MutableClock(0);
    private final IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder()
            .podRange("10.2.0.0/16").podRange("2001:fb8:42::/56")
            .serviceRange("10.3.0.2-10.3.0.254").serviceRange("2001:4fb8:43::2-2001:4fb8:43::fffe")
            .staticServiceRange("10.4.0.2-10.4.0.254").staticServiceRange("2001:5ab8:43::/56")
            .quarantine(Duration.ofSeconds(30)).clock(clock).build());
    private final LoadBalancerAllocator lb = ipam.loadBalancers();

    LoadBalancerAllocatorTest() {
        ipam.markReady();
    }

    private static Address a(String s) {
        return Address.parse(s);
    }

    private static LbRequest request(String key, List<IpFamily> families, List<Address> requested) {
        return new LbRequest(key, families, requested, false);
    }

    @Test
    void dualStackServiceGetsLowestDynamicAddressPerFamilyInItsOrder() {
        LbResult r = lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V6, IpFamily.V4));
        assertThat(r.outcome()).isEqualTo(LbOutcome.SUCCESS);
        assertThat(r.ingress()).containsExactly(a("2001:4fb8:43::2"), a("10.3.0.2"));
        assertThat(lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V6, IpFamily.V4)).ingress()).isEqualTo(r.ingress());
        assertThat(lb.allocate(LbRequest.dynamic("ns/b", IpFamily.V4)).ingress()).containsExactly(a("10.3.0.3"));
        assertThat(lb.holderOf(a("10.3.0.2"))).isEqualTo("ns/a");
    }

    @Test
    void requestedAddressesComeOnlyFromTheStaticPool() {
        LbResult ok = lb.allocate(request("ns/a", List.of(IpFamily.V4, IpFamily.V6),
                List.of(a("10.4.0.7"), a("2001:5ab8:43:ff::9"))));
        assertThat(ok.outcome()).isEqualTo(LbOutcome.SUCCESS);
        assertThat(ok.ingress()).containsExactly(a("10.4.0.7"), a("2001:5ab8:43:ff::9"));
        assertThat(lb.isStatic("ns/a", IpFamily.V4)).isTrue();
        LbResult dynamicRange = lb.allocate(request("ns/b", List.of(IpFamily.V4), List.of(a("10.3.0.9"))));
        assertThat(dynamicRange.outcome()).isEqualTo(LbOutcome.REQUESTED_NOT_ALLOCATABLE);
        assertThat(dynamicRange.conflicts()).extracting(Conflict::error).containsExactly(AllocationError.NOT_IN_RANGE);
        assertThat(dynamicRange.ingress()).isEmpty();
    }

    @Test
    void takenRequestedAddressIsReportedWithItsHolder() {
        lb.allocate(request("ns/a", List.of(IpFamily.V4), List.of(a("10.4.0.7"))));
        LbResult r = lb.allocate(request("ns/b", List.of(IpFamily.V4, IpFamily.V6), List.of(a("10.4.0.7"), a("2001:5ab8:43::5"))));
        assertThat(r.outcome()).isEqualTo(LbOutcome.ONE_NOT_ALLOCATABLE);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo(AllocationError.ALREADY_ALLOCATED);
            assertThat(c.detail()).contains("ns/a");
        });
        assertThat(r.ingress()).containsExactly(a("2001:5ab8:43::5"));
    }

    @Test
    void twoRequestedAddressesOfOneFamilyAreInvalidAndChangeNothing() {
        lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4));
        LbResult r = lb.allocate(request("ns/a", List.of(IpFamily.V4), List.of(a("10.4.0.7"), a("10.4.0.8"))));
        assertThat(r.outcome()).isEqualTo(LbOutcome.INVALID_REQUEST);
        assertThat(r.ingress()).containsExactly(a("10.3.0.2"));
        assertThat(lb.ingress("ns/a")).containsExactly(a("10.3.0.2"));
    }

    @Test
    void requestReplacesDynamicAndWithdrawnRequestGoesBackToTheStaticPool() {
        lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4));
        assertThat(lb.allocate(request("ns/a", List.of(IpFamily.V4), List.of(a("10.4.0.7")))).ingress()).containsExactly(a("10.4.0.7"));
        LbResult back = lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4));
        assertThat(back.ingress()).containsExactly(a("10.3.0.3"));
        PoolCounters stat = ipam.counters().stream()
                .filter(c -> c.pool() == PoolName.STATIC_SERVICE && c.family() == IpFamily.V4).findFirst().orElseThrow();
        assertThat(stat.used()).isZero();
        assertThat(stat.quarantined()).as("static address rests in the static pool (not dynamic: P8)").isEqualTo(1);
    }

    @Test
    void familyNoLongerServedIsReleased() {
        lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4, IpFamily.V6));
        LbResult r = lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4));
        assertThat(r.ingress()).containsExactly(a("10.3.0.2"));
        assertThat(lb.holderOf(a("2001:4fb8:43::2"))).isNull();
    }

    @Test
    void requireDualStackGetsBothOrNeither() {
        IpamAllocator v4only = new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16")
                .serviceRange("10.3.0.2-10.3.0.254").clock(clock).build());
        v4only.markReady();
        LbResult r = v4only.loadBalancers().allocate(new LbRequest("ns/a", List.of(IpFamily.V4, IpFamily.V6), List.of(), true));
        assertThat(r.outcome()).isEqualTo(LbOutcome.FAMILIES_NOT_SATISFIED);
        assertThat(r.ingress()).isEmpty();
        assertThat(v4only.loadBalancers().ingress("ns/a")).isEmpty();
        PoolCounters dyn = v4only.counters().stream().filter(c -> c.pool() == PoolName.SERVICE).findFirst().orElseThrow();
        assertThat(dyn.used()).isZero();
        assertThat(dyn.quarantined()).as("never published: given back at once").isZero();
        LbResult prefer = v4only.loadBalancers().allocate(new LbRequest("ns/a", List.of(IpFamily.V4, IpFamily.V6), List.of(), false));
        assertThat(prefer.outcome()).isEqualTo(LbOutcome.SUCCESS);
        assertThat(prefer.ingress()).containsExactly(a("10.3.0.2"));
    }

    @Test
    void exhaustedPoolAnswersNoAddresses() {
        IpamAllocator tiny = new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16")
                .serviceRange("10.3.0.2-10.3.0.2").clock(clock).build());
        tiny.markReady();
        assertThat(tiny.loadBalancers().allocate(LbRequest.dynamic("ns/a", IpFamily.V4)).outcome()).isEqualTo(LbOutcome.SUCCESS);
        LbResult r = tiny.loadBalancers().allocate(LbRequest.dynamic("ns/b", IpFamily.V4));
        assertThat(r.outcome()).isEqualTo(LbOutcome.NO_ADDRESSES);
        assertThat(r.conflicts()).extracting(Conflict::error).containsExactly(AllocationError.RANGE_FULL);
    }

    @Test
    void releasedAddressesRestBeforeReuse() {
        lb.allocate(LbRequest.dynamic("ns/a", IpFamily.V4));
        assertThat(lb.release("ns/a")).containsExactly(a("10.3.0.2"));
        assertThat(lb.allocate(LbRequest.dynamic("ns/b", IpFamily.V4)).ingress()).containsExactly(a("10.3.0.3"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(lb.allocate(LbRequest.dynamic("ns/c", IpFamily.V4)).ingress()).containsExactly(a("10.3.0.2"));
    }

    @Test
    void restoreClaimsDynamicOrStaticAndReportsDuplicatesAndStrangers() {
        LoadBalancerAllocator fresh = new IpamAllocator(ipam.config()).loadBalancers();
        assertThat(fresh.restore("ns/a", List.of(a("10.3.0.9"), a("2001:5ab8:43::7"))).clean()).isTrue();
        assertThat(fresh.isStatic("ns/a", IpFamily.V6)).isTrue();
        assertThat(fresh.isStatic("ns/a", IpFamily.V4)).isFalse();
        RestoreReport dup = fresh.restore("ns/b", List.of(a("10.3.0.9"), a("192.168.1.1")));
        assertThat(dup.conflicts()).extracting(Conflict::error)
                .containsExactly(AllocationError.ALREADY_ALLOCATED, AllocationError.NOT_IN_RANGE);
        assertThat(dup.conflicts().get(0).detail()).contains("ns/a");
        assertThat(fresh.ingress("ns/b")).isEmpty();
    }

    @Test
    void allocationWaitsForReadiness() {
        LoadBalancerAllocator fresh = new IpamAllocator(ipam.config()).loadBalancers();
        assertThatThrownBy(() -> fresh.allocate(LbRequest.dynamic("ns/a", IpFamily.V4)))
                .isInstanceOfSatisfying(AllocationException.class, e -> assertThat(e.error()).isEqualTo(AllocationError.NOT_READY));
    }
}
