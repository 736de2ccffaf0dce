package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodAllocatorTest {
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
        }
    }

    @Test
    void newNodeGetsOneChunkPerFamily() {
        IpamAllocator ipam = ipam("10.2.0.2-10.2.255.254", "2001:fb8:42::/56");
        Map<IpFamily, List<AddressRange>> ranges = ipam.pods().addNode("n1");
        assertThat(ranges.get(IpFamily.V4)).containsExactly(AddressRange.parse("10.2.0.2", "10.2.0.33"));
        assertThat(ranges.get(IpFamily.V6)).containsExactly(AddressRange.parse("2001:fb8:42::", "2001:fb8:42::1f"));
        assertThat(ipam.pods().addNode("n1")).isEqualTo(ranges);
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(32);
    }

    @Test
    void podGetsLowestAddressPerFamilyInPrimaryOrder() {
        IpamAllocator v6first = ipam("2001:fb8:42::/56", "10.2.0.0/16");
        v6first.pods().addNode("n1");
        PodAllocation p = v6first.pods().allocatePod("ns/p1", "n1");
        assertThat(p.addresses()).containsExactly(a("2001:fb8:42::"), a("10.2.0.0"));
        assertThat(v6first.pods().allocatePod("ns/p2", "n1").addresses()).containsExactly(a("2001:fb8:42::1"), a("10.2.0.1"));
        assertThat(v6first.pods().allocatePod("ns/p1", "n1")).isSameAs(p);
        assertThat(p.address(IpFamily.V4)).isEqualTo(a("10.2.0.0"));
        assertThat(v6first.pods().holderOf(a("10.2.0.1"))).isEqualTo("ns/p2");
        assertThat(v6first.pods().nodeOwning(a("2001:fb8:42::1f"))).isEqualTo("n1");
    }

    @Test
    void secondChunkWhenPodsExceedAddressesMinusHalfAChunk() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/64");
        ipam.pods().addNode("n1");
        for (int i = 1; i <= 16; i++) {
            ipam.pods().allocatePod("p" + i, "n1");
        }
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(32);
        ipam.pods().allocatePod("p17", "n1");
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(64);
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V6)).isEqualTo(64);
        assertThat(ipam.pods().nodeRanges("n1").get(IpFamily.V4)).containsExactly(AddressRange.parse("10.2.0.0", "10.2.0.63"));
        assertThat(ipam.pods().podCount("n1")).isEqualTo(17);
    }

    @Test
    void chunksAreAllOrNothingAndPodsBothOrNone() {
        // v6 pool holds one chunk only: the 17th pod cannot get a second v6 chunk but still fits;
        // the 33rd pod has no v6 address anywhere -> RANGE_FULL and its v4 address is given back.
        IpamAllocator ipam = ipam("10.2.0.0/16", "fd00::/123");
        ipam.pods().addNode("n1");
        for (int i = 1; i <= 32; i++) {
            ipam.pods().allocatePod("p" + i, "n1");
        }
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V6)).isEqualTo(32);
        List<PoolCounters> before = ipam.pods().counters();
        assertThat(errorOf(() -> ipam.pods().allocatePod("p33", "n1"))).isEqualTo(AllocationError.RANGE_FULL);
        assertThat(ipam.pods().pod("p33")).isNull();
        assertThat(ipam.pods().counters().get(0).used()).isEqualTo(before.get(0).used());
        assertThat(ipam.pods().counters().get(0).quarantined()).isZero();
        assertThat(ipam.pods().podCount("n1")).isEqualTo(32);
        assertExact(ipam);
    }

    @Test
    void chunkFailsWholeWhenPoolHasLessThanAChunk() {
        IpamAllocator ipam = ipam("10.2.0.0/27", "fd00::/64");
        ipam.pods().addNode("n1");
        ipam.pods().addNode("n2");
        assertThat(ipam.pods().nodeRanges("n2").get(IpFamily.V4)).isEmpty();
        assertThat(ipam.pods().nodeRanges("n2").get(IpFamily.V6)).hasSize(1);
        assertThat(errorOf(() -> ipam.pods().allocatePod("p", "n2"))).isEqualTo(AllocationError.RANGE_FULL);
        assertExact(ipam);
    }

    @Test
    void releasedAddressIsQuarantinedThenReused() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        ipam.pods().addNode("n1");
        Address first = ipam.pods().allocatePod("p1", "n1").addresses().get(0);
        ipam.pods().releasePod("p1");
        assertThat(ipam.pods().counters().get(0).quarantined()).isEqualTo(1);
        assertThat(ipam.pods().allocatePod("p2", "n1").addresses().get(0)).isNotEqualTo(first);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ipam.pods().allocatePod("p3", "n1").addresses().get(0)).isEqualTo(first);
        assertExact(ipam);
    }

    @Test
    void quarantinePressureTakesAnExtraChunkInsteadOfReusingEarly() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        ipam.pods().addNode("n1");
        for (int round = 0; round < 40; round++) {
            ipam.pods().allocatePod("p" + round, "n1");
            ipam.pods().releasePod("p" + round);
        }
        assertThat(ipam.pods().podCount("n1")).isZero();
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(64);
        assertThat(ipam.pods().counters().get(0).quarantined()).isEqualTo(40);
    }

    @Test
    void releaseOfUnknownPodIsNotAllocated() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        assertThat(errorOf(() -> ipam.pods().releasePod("nope"))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> ipam.pods().allocatePod("p", "ghost"))).isEqualTo(AllocationError.UNKNOWN_NODE);
    }

    @Test
    void podOnAnotherNodeIsAlreadyAllocated() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        ipam.pods().addNode("n1");
        ipam.pods().addNode("n2");
        ipam.pods().allocatePod("p", "n1");
        assertThat(errorOf(() -> ipam.pods().allocatePod("p", "n2"))).isEqualTo(AllocationError.ALREADY_ALLOCATED);
    }

    @Test
    void nothingIsAllocatedBeforeReady() {
        IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16").clock(clock).build());
        assertThat(errorOf(() -> ipam.pods().addNode("n1"))).isEqualTo(AllocationError.NOT_READY);
        assertThat(ipam.pods().restoreNodeRanges("n1", List.of(AddressRange.parse("10.2.0.0", "10.2.0.31"))).clean()).isTrue();
        assertThat(errorOf(() -> ipam.pods().allocatePod("p", "n1"))).isEqualTo(AllocationError.NOT_READY);
        ipam.markReady();
        assertThat(ipam.pods().allocatePod("p", "n1").addresses()).containsExactly(a("10.2.0.0"));
    }

    @Test
    void idleSurplusChunksFlowBackAfterTheQuarantine() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        ipam.pods().addNode("n1");
        for (int i = 0; i < 100; i++) {
            ipam.pods().allocatePod("p" + i, "n1");
        }
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(128);
        for (int i = 0; i < 100; i++) {
            ipam.pods().releasePod("p" + i);
        }
        List<ChunkMove> moves = new java.util.ArrayList<>();
        ipam.pods().onChunkMove(moves::add);
        clock.advance(Duration.ofSeconds(30));
        ipam.pods().maintain();
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).as("free, but not yet for a quarantine").isEqualTo(128);
        clock.advance(Duration.ofSeconds(30));
        ipam.pods().maintain();
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(64);
        assertThat(ipam.pods().nodeRanges("n1").get(IpFamily.V4)).containsExactly(AddressRange.parse("10.2.0.0", "10.2.0.63"));
        assertThat(moves).extracting(ChunkMove::toNode).containsOnly(false).hasSize(2);
        assertThat(moves).extracting(ChunkMove::range).containsExactly(AddressRange.parse("10.2.0.96", "10.2.0.127"),
                AddressRange.parse("10.2.0.64", "10.2.0.95"));
        assertExact(ipam);
    }

    @Test
    void busyChunksAreNeverReclaimed() {
        IpamAllocator ipam = ipam("10.2.0.0/16");
        ipam.pods().addNode("n1");
        for (int i = 0; i < 128; i++) {
            ipam.pods().allocatePod("p" + i, "n1");
        }
        long chunked = ipam.pods().addressesOnNodes(IpFamily.V4);
        for (int i = 0; i < 128; i += 2) {
            ipam.pods().releasePod("p" + i);
        }
        clock.advance(Duration.ofMinutes(5));
        ipam.pods().maintain();
        clock.advance(Duration.ofMinutes(5));
        ipam.pods().maintain();
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isEqualTo(chunked);
    }

    @Test
    void restoresNodeRangesAndReportsOverlapsAndOutOfPool() {
        IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder().podRange("10.128.2.0/24").podRange("fd43::/64")
                .clock(clock).build());
        RestoreReport r1 = ipam.pods().restoreNodeRanges("n1", List.of(
                AddressRange.parse("10.128.2.2", "10.128.2.129"), AddressRange.parse("10.128.2.163", "10.128.2.194"),
                AddressRange.parse("fd43::", "fd43::1f")));
        assertThat(r1.clean()).isTrue();
        assertThat(ipam.pods().nodeRanges("n1").get(IpFamily.V4)).containsExactly(
                AddressRange.parse("10.128.2.2", "10.128.2.129"), AddressRange.parse("10.128.2.163", "10.128.2.194"));
        RestoreReport r2 = ipam.pods().restoreNodeRanges("n2", List.of(AddressRange.parse("10.128.2.120", "10.128.3.5")));
        assertThat(r2.conflicts()).extracting(Conflict::subject, Conflict::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10.128.2.120-10.128.2.129", AllocationError.ALREADY_ALLOCATED),
                org.assertj.core.groups.Tuple.tuple("10.128.2.163-10.128.2.194", AllocationError.ALREADY_ALLOCATED),
                org.assertj.core.groups.Tuple.tuple("10.128.3.0-10.128.3.5", AllocationError.NOT_IN_RANGE));
        assertThat(ipam.pods().nodeRanges("n2").get(IpFamily.V4)).containsExactly(AddressRange.parse("10.128.2.130", "10.128.2.162"),
                AddressRange.parse("10.128.2.195", "10.128.2.255"));
        assertThat(ipam.pods().nodeOwning(a("10.128.2.125"))).isEqualTo("n1");
        assertExact(ipam);
    }

    @Test
    void restoresPodsBothOrNoneAndReportsConflicts() {
        IpamAllocator ipam = new IpamAllocator(AllocatorConfig.builder().podRange("10.2.0.0/16").podRange("fd00::/64")
                .clock(clock).build());
        ipam.pods().restoreNodeRanges("n1", List.of(AddressRange.parse("10.2.0.0", "10.2.0.31"), AddressRange.parse("fd00::", "fd00::1f")));
        ipam.pods().restoreNodeRanges("n2", List.of(AddressRange.parse("10.2.0.32", "10.2.0.63"), AddressRange.parse("fd00::20", "fd00::3f")));
        assertThat(ipam.pods().restorePod("a", "n1", List.of(a("10.2.0.5"), a("fd00::5"))).clean()).isTrue();
        RestoreReport dup = ipam.pods().restorePod("b", "n1", List.of(a("10.2.0.6"), a("fd00::5")));
        assertThat(dup.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo(AllocationError.ALREADY_ALLOCATED);
            assertThat(c.detail()).contains("a");
        });
        assertThat(ipam.pods().holderOf(a("10.2.0.6"))).as("both or none").isNull();
        RestoreReport wrongNode = ipam.pods().restorePod("c", "n1", List.of(a("10.2.0.40")));
        assertThat(wrongNode.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo(AllocationError.NOT_IN_RANGE);
            assertThat(c.detail()).contains("n2");
        });
        assertThat(ipam.pods().restorePod("d", "n1", List.of(a("10.9.0.1"))).conflicts())
                .extracting(Conflict::error).containsExactly(AllocationError.NOT_IN_RANGE);
        assertThat(ipam.pods().restorePod("a", "n1", List.of(a("fd00::5"), a("10.2.0.5"))).clean()).as("idempotent").isTrue();
        assertThat(ipam.pods().podCount("n1")).isEqualTo(1);
        ipam.markReady();
        assertThat(ipam.pods().allocatePod("e", "n1").addresses()).containsExactly(a("10.2.0.0"), a("fd00::"));
        assertExact(ipam);
    }

    @Test
    void nodeRemovalReturnsRangesAndQuarantinesHeldAddresses() {
        IpamAllocator ipam = ipam("10.2.0.0/26", "fd00::/64");
        ipam.pods().addNode("n1");
        ipam.pods().allocatePod("p1", "n1");
        ipam.pods().allocatePod("p2", "n1");
        ipam.pods().releasePod("p2");
        assertThat(ipam.pods().removeNode("n1")).containsExactly("p1");
        assertThat(ipam.pods().pod("p1")).isNull();
        assertThat(ipam.pods().nodeRanges("n1")).isNull();
        assertThat(ipam.pods().addressesOnNodes(IpFamily.V4)).isZero();
        PoolCounters v4 = ipam.pods().counters().get(0);
        assertThat(v4.used()).isZero();
        assertThat(v4.quarantined()).isEqualTo(2);
        assertExact(ipam);
        // the quarantined addresses are not handed out in a new chunk until they have rested
        ipam.pods().addNode("n2");
        ipam.pods().addNode("n3");
        assertThat(ipam.pods().nodeRanges("n2").get(IpFamily.V4)).containsExactly(AddressRange.parse("10.2.0.2", "10.2.0.33"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(ipam.pods().counters().get(0).quarantined()).isZero();
        assertExact(ipam);
    }

    @Test
    void releaseByHandleActsLikeReleaseByKey() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "2001:fb8:42::/56");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        PodAllocation p1 = pods.allocatePod("ns/p1", "n1");
        PodAllocation p2 = pods.allocatePod("ns/p2", "n1");
        assertThat(p1.isHeld()).isTrue();
        assertThat(pods.pod("ns/p1")).isSameAs(p1);

        assertThat(pods.releasePod(p1)).isSameAs(p1);
        assertThat(p1.isHeld()).isFalse();
        assertThat(p1.addresses()).containsExactly(a("10.2.0.0"), a("2001:fb8:42::"));
        assertThat(pods.pod("ns/p1")).isNull();
        assertThat(pods.podTotal()).isEqualTo(1);
        assertThat(pods.podCount("n1")).isEqualTo(1);
        assertThat(pods.holderOf(a("10.2.0.0"))).isNull();
        assertThat(pods.pod("ns/p2")).isSameAs(p2);
        assertThat(ipam.pods().counters()).extracting(PoolCounters::used, PoolCounters::quarantined)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(1L, 1L));
        assertExact(ipam);

        // a released handle, by handle or key, is NOT_ALLOCATED; so is null
        assertThat(errorOf(() -> pods.releasePod(p1))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.releasePod("ns/p1"))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.releasePod((PodAllocation) null))).isEqualTo(AllocationError.NOT_ALLOCATED);

        // the same key allocated again gets a new handle; the old one stays released
        PodAllocation again = pods.allocatePod("ns/p1", "n1");
        assertThat(again).isNotSameAs(p1);
        assertThat(again.addresses()).containsExactly(a("10.2.0.2"), a("2001:fb8:42::2"));
        assertThat(errorOf(() -> pods.releasePod(p1))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(pods.pod("ns/p1")).isSameAs(again);

        // released by key: the handle is no longer held either
        pods.releasePod("ns/p2");
        assertThat(p2.isHeld()).isFalse();
        assertThat(errorOf(() -> pods.releasePod(p2))).isEqualTo(AllocationError.NOT_ALLOCATED);

        // quarantine still applies to addresses released by handle
        clock.advance(Duration.ofSeconds(30));
        assertThat(pods.allocatePod("ns/p3", "n1").addresses()).containsExactly(a("10.2.0.0"), a("2001:fb8:42::"));
        assertExact(ipam);
    }

    @Test
    void handlesFromAnotherAllocatorAreRefused() {
        IpamAllocator one = ipam("10.2.0.0/16");
        IpamAllocator two = ipam("10.2.0.0/16");
        one.pods().addNode("n1");
        two.pods().addNode("n1");
        PodAllocation p = one.pods().allocatePod("ns/p", "n1");
        two.pods().allocatePod("ns/p", "n1");
        assertThat(errorOf(() -> two.pods().releasePod(p))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(two.pods().pod("ns/p").isHeld()).isTrue();
        assertThat(errorOf(() -> two.pods().allocatePod("ns/q", one.pods().node("n1")))).isEqualTo(AllocationError.UNKNOWN_NODE);
        assertThat(two.pods().podTotal()).isEqualTo(1);
    }

    @Test
    void allocateByNodeHandleActsLikeByName() {
        IpamAllocator ipam = ipam("10.2.0.0/16", "2001:fb8:42::/56");
        PodAllocator pods = ipam.pods();
        assertThat(pods.node("n1")).isNull();
        pods.addNode("n1");
        NodeState n1 = pods.node("n1");
        assertThat(n1.name()).isEqualTo("n1");
        assertThat(n1.isRegistered()).isTrue();
        assertThat(pods.node("n1")).isSameAs(n1);
        assertThat(pods.addNode("n1")).isNotNull();
        assertThat(pods.node("n1")).as("addNode is idempotent: same handle").isSameAs(n1);

        PodAllocation p1 = pods.allocatePod("ns/p1", n1);
        assertThat(p1.node()).isEqualTo("n1");
        assertThat(p1.addresses()).containsExactly(a("10.2.0.0"), a("2001:fb8:42::"));
        assertThat(pods.allocatePod("ns/p1", n1)).as("idempotent on the same node").isSameAs(p1);
        assertThat(pods.allocatePod("ns/p1", "n1")).isSameAs(p1);
        pods.addNode("n2");
        assertThat(errorOf(() -> pods.allocatePod("ns/p1", pods.node("n2")))).isEqualTo(AllocationError.ALREADY_ALLOCATED);
        assertThat(errorOf(() -> pods.allocatePod("ns/p9", (NodeState) null))).isEqualTo(AllocationError.UNKNOWN_NODE);

        // chunk rule applies the same way: the 17th pod brings the second chunk
        for (int i = 2; i <= 17; i++) {
            pods.allocatePod("ns/p" + i, n1);
        }
        assertThat(pods.nodeRanges("n1").get(IpFamily.V4)).containsExactly(AddressRange.parse("10.2.0.0", "10.2.0.31"),
                AddressRange.parse("10.2.0.64", "10.2.0.95"));

        // a removed node's handle is stale, also after the node is added again
        assertThat(pods.removeNode("n1")).hasSize(17);
        assertThat(n1.isRegistered()).isFalse();
        assertThat(p1.isHeld()).isFalse();
        assertThat(errorOf(() -> pods.releasePod(p1))).isEqualTo(AllocationError.NOT_ALLOCATED);
        assertThat(errorOf(() -> pods.allocatePod("ns/x", n1))).isEqualTo(AllocationError.UNKNOWN_NODE);
        pods.addNode("n1");
        assertThat(pods.node("n1")).isNotSameAs(n1);
        assertThat(errorOf(() -> pods.allocatePod("ns/x", n1))).isEqualTo(AllocationError.UNKNOWN_NODE);
        assertThat(pods.allocatePod("ns/x", pods.node("n1")).node()).isEqualTo("n1");
        assertThat(pods.podTotal()).isEqualTo(1);
        assertExact(ipam);
    }

    @Test
    void nodeHandleAllocationIsGatedByReadiness() {
        AllocatorConfig config = AllocatorConfig.builder().podRange("10.2.0.0/16").clock(clock).build();
        IpamAllocator ipam = new IpamAllocator(config);
        ipam.markReady();
        ipam.pods().addNode("n1");
        ipam.readiness().markNotReady();
        assertThat(errorOf(() -> ipam.pods().allocatePod("ns/p", ipam.pods().node("n1")))).isEqualTo(AllocationError.NOT_READY);
    }
}
