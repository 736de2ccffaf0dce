package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The int fast path of {@link PodAllocator}: pods by id, nodes by id, primitive address reads. */
class PodAllocatorIntPathTest {
    private final MutableClock clock = new MutableClock(0);

    private IpamAllocator ipam(String... podRanges) {
        AllocatorConfig.Builder b = AllocatorConfig.builder().chunkSize(32).quarantine(Duration.ofSeconds(30)).clock(clock);
        for (String r : podRanges) {
            b.podRange(r);
        }
        IpamAllocator ipam = new IpamAllocator(b.build());
        ipam.markReady();
        return ipam;
    }

    private static Address a(String s) {
        return Address.parse(s);
    }

    private static AllocationError errorOf(Runnable r) {
        try {
            r.run();
        } catch (AllocationException e) {
            return e.error();
        }
        return null;
    }

    private static void assertExact(IpamAllocator ipam) {
        for (PoolCounters c : ipam.pods().counters()) {
            assertThat(BigInteger.valueOf(c.used() + c.quarantined()).add(c.free())).isEqualTo(c.size());
            assertThat(c.free()).isEqualTo(ipam.pods().unchunkedFreeByWalk(c.family())
                    .add(BigInteger.valueOf(ipam.pods().freeOnNodesByWalk(c.family()))));
        }
    }

    @Test
    void allocatesBothFamiliesInPrimaryOrderReadableAsPrimitives() {
        IpamAllocator ipam = ipam("2001:fb8:42::/56", "10.2.0.0/16");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        int n1 = pods.nodeId("n1");
        assertThat(n1).isNotNegative();
        assertThat(pods.nodeName(n1)).isEqualTo("n1");
        assertThat(pods.nodeId("nope")).isEqualTo(-1);
        int p = pods.allocatePod(n1);
        int q = pods.allocatePod(n1);
        assertThat(pods.podAddress(p, IpFamily.V6)).isEqualTo(a("2001:fb8:42::"));
        assertThat(pods.podAddress(p, IpFamily.V4)).isEqualTo(a("10.2.0.0"));
        assertThat(pods.podAddress(q, IpFamily.V4)).isEqualTo(a("10.2.0.1"));
        // slot 0 is the primary family (v6 here)
        assertThat(pods.podAddressHi(q, 0)).isEqualTo(a("2001:fb8:42::1").hi());
        assertThat(pods.podAddressLo(q, 0)).isEqualTo(a("2001:fb8:42::1").lo());
        assertThat(pods.podAddressLo(q, 1)).isEqualTo(a("10.2.0.1").lo());
        assertThat(pods.podV4(q)).isEqualTo((int) a("10.2.0.1").lo());
        assertThat(pods.podV6Hi(q)).isEqualTo(a("2001:fb8:42::1").hi());
        assertThat(pods.podV6Lo(q)).isEqualTo(a("2001:fb8:42::1").lo());
        assertThat(pods.podNodeId(q)).isEqualTo(n1);
        assertThat(pods.isHeld(q)).isTrue();
        assertThat(pods.podTotal()).isEqualTo(2);
        assertThat(pods.podCount("n1")).isEqualTo(2);
        assertThat(pods.holderOf(a("10.2.0.1"))).isEqualTo("#" + q);
        assertExact(ipam);
    }

    @Test
    void releaseByIdQuarantinesAndTheIdIsThenFree() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        int n1 = pods.nodeId("n1");
        int p = pods.allocatePod(n1);
        Address v4 = pods.podAddress(p, IpFamily.V4);
        pods.releasePod(p);
        assertThat(pods.isHeld(p)).isFalse();
        assertThat(errorOf(() -> pods.releasePod(p))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.releasePod(-1))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.releasePod(1_000_000))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.podV4(p))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(pods.counters().get(0).quarantined()).isEqualTo(1);
        // the resting address is not reused before the quarantine ends
        int again = pods.allocatePod(n1);
        assertThat(pods.podAddress(again, IpFamily.V4)).isNotEqualTo(v4);
        clock.advance(Duration.ofSeconds(30));
        pods.releasePod(again);
        int third = pods.allocatePod(n1);
        assertThat(pods.podAddress(third, IpFamily.V4)).isEqualTo(v4);
        assertExact(ipam);
    }

    @Test
    void unknownNodeIdsAndNotReady() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        PodAllocator pods = ipam.pods();
        assertThat(errorOf(() -> pods.allocatePod(0))).isEqualTo(AllocationError.UNKNOWN_NODE);
        assertThat(errorOf(() -> pods.allocatePod(-1))).isEqualTo(AllocationError.UNKNOWN_NODE);
        pods.addNode("n1");
        int n1 = pods.nodeId("n1");
        pods.removeNode("n1");
        assertThat(errorOf(() -> pods.allocatePod(n1))).isEqualTo(AllocationError.UNKNOWN_NODE);
        IpamAllocator notReady = new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16")
                .chunkSize(32).clock(clock).build());
        assertThat(errorOf(() -> notReady.pods().allocatePod(0))).isEqualTo(AllocationError.NOT_READY);
    }

    @Test
    void rangeFullKeepsNothingAndChunksAreTakenAsNeeded() {
        // v4 has room for two chunks of 32, v6 for many: the 64th+ pod cannot get a v4 address
        IpamAllocator ipam = ipam("10.2.0.0/26", "fd00::/64");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        int n1 = pods.nodeId("n1");
        Set<Address> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int id = pods.allocatePod(n1);
            assertThat(seen.add(pods.podAddress(id, IpFamily.V4))).isTrue();
            assertThat(seen.add(pods.podAddress(id, IpFamily.V6))).isTrue();
        }
        assertThat(pods.addressesOnNodes(IpFamily.V4)).isEqualTo(64);
        long v6Used = pods.counters().get(1).used();
        assertThat(errorOf(() -> pods.allocatePod(n1))).isEqualTo(AllocationError.RANGE_FULL);
        assertThat(pods.counters().get(1).used()).as("both or none").isEqualTo(v6Used);
        assertThat(pods.podTotal()).isEqualTo(64);
        assertExact(ipam);
    }

    @Test
    void keyAndIdPodsMixAndAKeyPodCanBeReleasedById() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        int n1 = pods.nodeId("n1");
        PodAllocation byKey = pods.allocatePod("ns/a", "n1");
        int byId = pods.allocatePod(n1);
        assertThat(pods.podAddress(byId, IpFamily.V4)).isEqualTo(a("10.2.0.1"));
        assertThat(pods.podTotal()).isEqualTo(2);
        assertThat(pods.holderOf(a("10.2.0.0"))).isEqualTo("ns/a");
        assertThat(pods.holderOf(a("10.2.0.1"))).isEqualTo("#" + byId);
        assertThat(byKey.id).isNotEqualTo(byId);
        pods.releasePod(byKey.id);
        assertThat(byKey.isHeld()).isFalse();
        assertThat(pods.pod("ns/a")).isNull();
        assertThat(errorOf(() -> pods.releasePod("ns/a"))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.releasePod(byKey))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(pods.podTotal()).isEqualTo(1);
        assertThat(pods.podCount("n1")).isEqualTo(1);
        assertExact(ipam);
    }

    @Test
    void removingTheNodeReleasesIdPodsAndReportsOnlyKeys() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        pods.addNode("n2");
        int n1 = pods.nodeId("n1");
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(pods.allocatePod(n1));
        }
        pods.allocatePod("ns/k", "n1");
        int other = pods.allocatePod(pods.nodeId("n2"));
        assertThat(pods.removeNode("n1")).containsExactly("ns/k");
        for (int id : ids) {
            assertThat(pods.isHeld(id)).isFalse();
        }
        assertThat(pods.isHeld(other)).isTrue();
        assertThat(pods.podTotal()).isEqualTo(1);
        assertExact(ipam);
    }

    @Test
    void restoreReportsAnIdPodAsHolder() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        int id = pods.allocatePod(pods.nodeId("n1"));
        RestoreReport r = pods.restorePod("ns/x", "n1", List.of(a("10.2.0.0"), a("fd00::5")));
        assertThat(r.claimed()).isEmpty();
        assertThat(r.conflicts()).hasSize(1);
        assertThat(r.conflicts().get(0).detail()).contains("#" + id);
        assertThatThrownBy(() -> pods.podAddressLo(id, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
