package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The primitive-array layout of {@link PodPool} at its edges: nodes with more than 64 blocks (summary
 * words beyond the inline one), reused node and block ids, and quarantine entries of blocks that
 * were detached and handed out again (the generation check).
 */
class PodPoolLayoutTest {
    private final MutableClock clock = new MutableClock(0);

    private IpamAllocator ipam(int chunk, String... podRanges) {
        AllocatorConfig.Builder b = AllocatorConfig.builder().chunkSize(chunk).quarantine(Duration.ofSeconds(30)).clock(clock);
        for (String r : podRanges) {
            b.podRange(r);
        }
        IpamAllocator ipam = new IpamAllocator(b.build());
        ipam.markReady();
        return ipam;
    }

    private static void assertExact(IpamAllocator ipam) {
        for (PoolCounters c : ipam.pods().counters()) {
            assertThat(BigInteger.valueOf(c.used() + c.quarantined()).add(c.free())).isEqualTo(c.size());
            assertThat(c.free()).isEqualTo(ipam.pods().unchunkedFreeByWalk(c.family())
                    .add(BigInteger.valueOf(ipam.pods().freeOnNodesByWalk(c.family()))));
        }
    }

    @Test
    void aNodeWithHundredsOfBlocksStillHandsOutTheLowestFreeAddress() {
        // chunk 1: every chunk is its own block, so 300 pods make 300+ blocks on one node
        IpamAllocator ipam = ipam(1, "10.0.0.0/22", "fd00::/118");
        PodAllocator pods = ipam.pods();
        pods.addNode("other");
        pods.addNode("n1");
        List<PodAllocation> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            held.add(pods.allocatePod("p" + i, "n1"));
            pods.allocatePod("o" + i, "other"); // interleave so n1's blocks are not contiguous
        }
        assertExact(ipam);
        // release pods whose blocks sit in summary words 0, 1 and 4; after the rest they are free again
        for (int i : new int[] {3, 70, 71, 200, 299}) {
            pods.releasePod(held.get(i));
        }
        clock.advance(Duration.ofSeconds(31));
        pods.maintain();
        assertExact(ipam);
        List<Address> reused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reused.add(pods.allocatePod("again" + i, "n1").address(IpFamily.V4));
        }
        List<Address> expected = new ArrayList<>();
        for (int i : new int[] {3, 70, 71, 200, 299}) {
            expected.add(held.get(i).address(IpFamily.V4));
        }
        assertThat(reused).isEqualTo(expected);
        assertThat(pods.holderOf(expected.get(3))).isEqualTo("again3");
        assertThat(pods.nodeOwning(expected.get(4))).isEqualTo("n1");
        assertExact(ipam);
    }

    @Test
    void restingEntriesOfARemovedNodeNeverTouchTheBlocksThatReuseTheirIds() {
        IpamAllocator ipam = ipam(32, "10.0.0.0/24", "fd00::/120");
        PodAllocator pods = ipam.pods();
        pods.addNode("n1");
        PodAllocation p = pods.allocatePod("p", "n1");
        pods.releasePod(p); // resting in n1's block; the ring remembers (generation, block, bit)
        assertThat(pods.removeNode("n1")).isEmpty();
        pods.addNode("n2"); // reuses n1's node id and block id, under a new block generation
        NodeState n2 = pods.node("n2");
        // n2's chunk comes from the lowest free addresses: the resting one is in the pool quarantine now
        PodAllocation q = pods.allocatePod("q", n2);
        assertThat(q.address(IpFamily.V4)).isNotEqualTo(p.address(IpFamily.V4));
        assertExact(ipam);
        clock.advance(Duration.ofSeconds(31));
        pods.maintain(); // pops the stale entry of n1's block: must not clear anything of n2's block
        assertThat(q.isHeld()).isTrue();
        assertThat(pods.holderOf(q.address(IpFamily.V4))).isEqualTo("q");
        assertThat(pods.holderOf(q.address(IpFamily.V6))).isEqualTo("q");
        assertExact(ipam);
        for (int i = 0; i < 40; i++) {
            PodAllocation r = pods.allocatePod("r" + i, n2);
            assertThat(r.addresses()).doesNotContainAnyElementsOf(q.addresses());
        }
        assertExact(ipam);
    }

    @Test
    void removedAndReaddedNodesGetFreshStateUnderTheirReusedIds() {
        IpamAllocator ipam = ipam(8, "10.0.0.0/24", "fd00::/120");
        PodAllocator pods = ipam.pods();
        for (int round = 0; round < 20; round++) {
            for (int n = 0; n < 5; n++) {
                pods.addNode("n" + n);
                for (int k = 0; k < 3; k++) {
                    pods.allocatePod("p" + n + "-" + k + "-" + round, "n" + n);
                }
            }
            for (int n = 0; n < 5; n += 2) {
                assertThat(pods.removeNode("n" + n)).hasSize(3);
                assertThat(pods.nodeRanges("n" + n)).isNull();
            }
            for (int n = 1; n < 5; n += 2) {
                pods.removeNode("n" + n);
            }
            assertThat(pods.podTotal()).isZero();
            assertExact(ipam);
            clock.advance(Duration.ofSeconds(31));
        }
        pods.maintain();
        assertThat(pods.addressesOnNodes(IpFamily.V4)).isZero();
        for (PoolCounters c : pods.counters()) {
            assertThat(c.quarantined()).isZero();
            assertThat(c.used()).isZero();
        }
    }
}
