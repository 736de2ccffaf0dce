package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random operation sequences over small pools (so exhaustion, chunk moves, quarantine pressure and
 * reclamation all happen), checked against an independent model after every single operation.
 */
class AllocatorPropertiesTest {
    private static final long QUARANTINE_MS = 1_000;
    private static final int TRIES = 40;
    private static final int MIN_OPS = 2_600;
    private static final AtomicLong OPS_RUN = new AtomicLong();
    /** Successful allocations and releases through the int fast path. */
    private static final AtomicLong INT_OPS_RUN = new AtomicLong();

    /** One random operation: {@code kind} picks what, {@code a}/{@code b} pick arguments. */
    record Op(int kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 99),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 1 << 20)).as(Op::new);
        return op.list().ofMinSize(MIN_OPS).ofMaxSize(MIN_OPS + 400);
    }

    @AfterContainer
    static void enoughOperationsRan() {
        assertThat(OPS_RUN.get()).as("operations per run").isGreaterThanOrEqualTo(100_000);
        assertThat(INT_OPS_RUN.get()).as("int fast path operations per run").isGreaterThanOrEqualTo(5_000);
    }

    @Property(tries = TRIES)
    void invariantsHoldAfterEveryOperation(@ForAll("operations") List<Op> ops) {
        new Run().execute(ops);
    }

    /** The system under test plus the model it is checked against. */
    private static final class Run {
        final MutableClock clock = new MutableClock(0);
        final AllocatorConfig config = AllocatorConfig.builder()
                .podRange("10.0.0.0/24").podRange("fd00::/121")
                .serviceRange("10.1.0.0/29").serviceRange("fd01::/125")
                .staticServiceRange("10.2.0.0/29").staticServiceRange("fd02::/125")
                .nodeServiceRange("10.3.0.0/30").nodeServiceRange("fd03::/126")
                .chunkSize(8).quarantine(Duration.ofMillis(QUARANTINE_MS)).clock(clock).build();
        final IpamAllocator ipam = new IpamAllocator(config);
        final Map<String, List<Address>> pods = new HashMap<>();
        final Map<String, String> podNode = new HashMap<>();
        final Map<String, List<Address>> services = new HashMap<>();
        final Map<String, List<Address>> endpoints = new HashMap<>();
        final Map<Address, Long> releasedAt = new HashMap<>();
        /** Last handle seen per pod key and per node name; kept after release/removal (stale-handle cases). */
        final Map<String, PodAllocation> podHandles = new HashMap<>();
        final Map<String, NodeState> nodeHandles = new HashMap<>();

        void execute(List<Op> ops) {
            ipam.markReady();
            for (Op op : ops) {
                apply(op);
                checkInvariants();
                OPS_RUN.incrementAndGet();
            }
        }

        private String node(int x) {
            return "n" + (x % 6);
        }

        private void apply(Op op) {
            int k = op.kind();
            if (k < 6) {
                ipam.pods().addNode(node(op.a()));
                nodeHandles.put(node(op.a()), ipam.pods().node(node(op.a())));
            } else if (k < 8) {
                removeNode(node(op.a()));
            } else if (k < 40) {
                if ((op.b() & 128) != 0) {
                    allocateById(node(op.b()));
                } else {
                    allocatePod("p" + (op.a() % 150), node(op.b()), (op.b() & 64) != 0);
                }
            } else if (k < 68) {
                if ((op.b() & 2) != 0) {
                    releaseById(op.a() % 300);
                } else {
                    releasePod("p" + (op.a() % 150), (op.b() & 1) != 0);
                }
            } else if (k < 80) {
                clock.advanceMillis(op.a() % 700);
            } else if (k < 88) {
                allocateService("s" + (op.a() % 10), op.b());
            } else if (k < 92) {
                released(services.remove("s" + (op.a() % 10)));
                ipam.loadBalancers().release("s" + (op.a() % 10));
            } else if (k < 96) {
                String n = node(op.a());
                NodeServiceEndpoint ep = ipam.nodeServiceEndpoints().allocate(n, Map.of());
                List<Address> now = new ArrayList<>();
                if (ep.ipv4() != null) {
                    now.add(ep.ipv4());
                }
                if (ep.ipv6() != null) {
                    now.add(ep.ipv6());
                }
                taken(endpoints.get(n), now);
                endpoints.put(n, now);
            } else if (k < 98) {
                restoreRandomPod("r" + (op.a() % 20), node(op.b()), op.a());
            } else {
                ipam.maintain();
            }
        }

        private void removeNode(String n) {
            List<String> byId = new ArrayList<>();
            podNode.forEach((key, on) -> {
                if (key.startsWith("#") && on.equals(n)) {
                    byId.add(key);
                }
            });
            List<String> gone = ipam.pods().removeNode(n);
            for (String key : byId) {
                check(!ipam.pods().isHeld(Integer.parseInt(key.substring(1))), () -> key + " held after its node went");
                released(pods.remove(key));
                podNode.remove(key);
            }
            for (String key : gone) {
                assertThat(podNode.get(key)).isEqualTo(n);
                released(pods.remove(key));
                podNode.remove(key);
            }
            assertThat(podNode.values()).doesNotContain(n);
            released(endpoints.remove(n));
            ipam.nodeServiceEndpoints().release(n);
        }

        private void allocatePod(String key, String n, boolean byHandle) {
            long usedBefore = usedPodAddresses();
            NodeState handle = nodeHandles.get(n);
            boolean staleHandle = byHandle && handle != null && ipam.pods().node(n) != handle;
            try {
                PodAllocation pa = byHandle && handle != null
                        ? ipam.pods().allocatePod(key, handle) : ipam.pods().allocatePod(key, n);
                check(!staleHandle, () -> "allocation on a stale node handle of " + n);
                check(pa.isHeld() && pa.node().equals(podNode.getOrDefault(key, n)), () -> "handle not held: " + pa);
                if (pods.containsKey(key)) {
                    check(podHandles.get(key) == pa, () -> "idempotent allocation returned another handle");
                    assertThat(pa.addresses()).isEqualTo(pods.get(key));
                    return;
                }
                assertThat(pa.addresses()).extracting(Address::family).containsExactlyElementsOf(config.podFamilies());
                taken(null, pa.addresses());
                pods.put(key, pa.addresses());
                podNode.put(key, n);
                podHandles.put(key, pa);
            } catch (AllocationException e) {
                assertThat(e.error()).isIn(AllocationError.RANGE_FULL, AllocationError.UNKNOWN_NODE,
                        AllocationError.ALREADY_ALLOCATED);
                if (staleHandle) {
                    assertThat(e.error()).isEqualTo(AllocationError.UNKNOWN_NODE);
                }
                assertThat(usedPodAddresses()).as("both or none: nothing kept after " + e.error()).isEqualTo(usedBefore);
            }
        }

        /** The int fast path: a pod known only by its id, modelled under the key {@code "#<id>"}. */
        private void allocateById(String n) {
            long usedBefore = usedPodAddresses();
            int nodeId = ipam.pods().nodeId(n);
            try {
                int id = ipam.pods().allocatePod(nodeId);
                check(nodeId >= 0, () -> "allocation on an unknown node id");
                String key = "#" + id;
                check(!pods.containsKey(key), () -> "id " + id + " handed out while held");
                check(ipam.pods().podNodeId(id) == nodeId, () -> "pod " + key + " on another node");
                List<Address> addrs = new ArrayList<>();
                for (IpFamily f : config.podFamilies()) {
                    addrs.add(ipam.pods().podAddress(id, f));
                }
                taken(null, addrs);
                pods.put(key, addrs);
                podNode.put(key, n);
                INT_OPS_RUN.incrementAndGet();
            } catch (AllocationException e) {
                assertThat(e.error()).isIn(AllocationError.RANGE_FULL, AllocationError.UNKNOWN_NODE);
                if (nodeId < 0) {
                    assertThat(e.error()).isEqualTo(AllocationError.UNKNOWN_NODE);
                }
                assertThat(usedPodAddresses()).as("both or none: nothing kept after " + e.error()).isEqualTo(usedBefore);
            }
        }

        /** Release by id: of a pod allocated by id, of one allocated by key, or of an id nobody holds. */
        private void releaseById(int id) {
            String key = "#" + id;
            if (!pods.containsKey(key)) {
                key = null;
                for (Map.Entry<String, PodAllocation> e : podHandles.entrySet()) {
                    if (e.getValue().isHeld() && e.getValue().id == id && pods.containsKey(e.getKey())) {
                        key = e.getKey();
                    }
                }
            }
            try {
                ipam.pods().releasePod(id);
                check(key != null, () -> "released id " + id + " that no pod holds");
                String k = key;
                check(!ipam.pods().isHeld(id), () -> "id " + id + " still held");
                if (!k.startsWith("#")) {
                    check(!podHandles.get(k).isHeld() && ipam.pods().pod(k) == null, () -> k + " still indexed");
                }
                released(pods.remove(k));
                podNode.remove(k);
                INT_OPS_RUN.incrementAndGet();
            } catch (AllocationException e) {
                assertThat(e.error()).isEqualTo(AllocationError.NOT_ALLOCATED);
                assertThat(key).isNull();
            }
        }

        private void releasePod(String key, boolean byHandle) {
            PodAllocation handle = podHandles.get(key);
            try {
                PodAllocation pa = byHandle && handle != null ? ipam.pods().releasePod(handle) : ipam.pods().releasePod(key);
                check(!pa.isHeld(), () -> "released handle still held");
                check(handle == null || pa == handle, () -> "released another handle than the pod's");
                assertThat(pa.addresses()).isEqualTo(pods.get(key));
                released(pods.remove(key));
                podNode.remove(key);
            } catch (AllocationException e) {
                assertThat(e.error()).isEqualTo(AllocationError.NOT_ALLOCATED);
                assertThat(pods).doesNotContainKey(key);
            }
        }

        private void restoreRandomPod(String key, String n, int seed) {
            Map<IpFamily, List<AddressRange>> ranges = ipam.pods().nodeRanges(n);
            if (ranges == null || pods.containsKey(key)) {
                return;
            }
            List<Address> wanted = new ArrayList<>();
            for (IpFamily f : config.podFamilies()) {
                List<AddressRange> rs = ranges.get(f);
                if (!rs.isEmpty()) {
                    AddressRange r = rs.get(seed % rs.size());
                    wanted.add(r.start().plus(seed % r.sizeCapped()));
                }
            }
            RestoreReport report = ipam.pods().restorePod(key, n, wanted);
            if (report.clean() && !wanted.isEmpty()) {
                taken(null, wanted);
                pods.put(key, wanted);
                podNode.put(key, n);
                podHandles.put(key, ipam.pods().pod(key));
            } else {
                assertThat(report.claimed()).isEmpty();
                assertThat(ipam.pods().pod(key)).isNull();
            }
        }

        private void allocateService(String key, int seed) {
            List<IpFamily> families = switch (seed % 3) {
                case 0 -> List.of(IpFamily.V4);
                case 1 -> List.of(IpFamily.V6);
                default -> List.of(IpFamily.V6, IpFamily.V4);
            };
            List<Address> requested = new ArrayList<>();
            if ((seed >> 2) % 3 == 0) {
                requested.add(Address.parse("10.2.0." + ((seed >> 4) % 10)));
            }
            boolean requireAll = (seed >> 8) % 4 == 0;
            List<Address> before = services.getOrDefault(key, List.of());
            LbResult r = ipam.loadBalancers().allocate(new LbRequest(key, families, requested, requireAll));
            List<Address> after = r.ingress();
            assertThat(after).isEqualTo(ipam.loadBalancers().ingress(key).stream()
                    .sorted((x, y) -> Integer.compare(families.indexOf(x.family()), families.indexOf(y.family()))).toList());
            assertThat(after.stream().map(Address::family).distinct().count()).isEqualTo(after.size());
            assertThat(families).containsAll(after.stream().map(Address::family).toList());
            if (requireAll && r.outcome() != LbOutcome.INVALID_REQUEST) {
                assertThat(after.size()).as("RequireDualStack: all or none").isIn(0, families.size());
            }
            List<Address> gone = new ArrayList<>(before);
            gone.removeAll(after);
            released(gone);
            taken(before, after);
            if (after.isEmpty()) {
                services.remove(key);
            } else {
                services.put(key, after);
            }
        }

        /** Addresses newly held must have rested a full quarantine since their last release. */
        private void taken(List<Address> before, List<Address> after) {
            for (Address a : after) {
                if (before != null && before.contains(a)) {
                    continue;
                }
                Long t = releasedAt.get(a);
                check(t == null || clock.millis() - t >= QUARANTINE_MS, () -> a + " reused before its quarantine ended");
            }
        }

        private void released(List<Address> addresses) {
            if (addresses != null) {
                for (Address a : addresses) {
                    releasedAt.put(a, clock.millis());
                }
            }
        }

        private long usedPodAddresses() {
            return ipam.pods().counters().stream().mapToLong(PoolCounters::used).sum();
        }

        private static void check(boolean ok, java.util.function.Supplier<String> message) {
            if (!ok) {
                throw new AssertionError(message.get());
            }
        }

        private void checkInvariants() {
            // no address ever held twice
            Set<Address> all = new HashSet<>();
            int total = 0;
            for (List<Address> l : pods.values()) {
                all.addAll(l);
                total += l.size();
            }
            for (List<Address> l : services.values()) {
                all.addAll(l);
                total += l.size();
            }
            for (List<Address> l : endpoints.values()) {
                all.addAll(l);
                total += l.size();
            }
            int distinct = all.size();
            int held = total;
            check(distinct == held, () -> "an address is held twice: " + pods + services + endpoints);
            // both or none (allocated pods); the allocator agrees with the model; inside pool and node
            check(ipam.pods().podTotal() == pods.size(), () -> "pod count differs");
            Map<String, Map<IpFamily, List<AddressRange>>> nodeRanges = new HashMap<>();
            for (Map.Entry<String, List<Address>> e : pods.entrySet()) {
                String key = e.getKey();
                List<Address> addrs = e.getValue();
                check(key.startsWith("r") || addrs.size() == 2, () -> "not both families: " + key + addrs);
                if (key.startsWith("#")) {
                    int id = Integer.parseInt(key.substring(1));
                    check(ipam.pods().isHeld(id), () -> key + " not held");
                    check(ipam.pods().podAddress(id, IpFamily.V4).equals(addrs.get(0))
                            && ipam.pods().podAddress(id, IpFamily.V6).equals(addrs.get(1)),
                            () -> "allocator disagrees on " + key);
                    check(Integer.toUnsignedLong(ipam.pods().podV4(id)) == addrs.get(0).lo()
                            && ipam.pods().podV6Hi(id) == addrs.get(1).hi() && ipam.pods().podV6Lo(id) == addrs.get(1).lo(),
                            () -> "primitive reads disagree on " + key);
                } else {
                    check(ipam.pods().pod(key).addresses().equals(addrs), () -> "allocator disagrees on " + key);
                    check(ipam.pods().pod(key).isHeld(), () -> "indexed handle of " + key + " not held");
                }
                String n = podNode.get(key);
                Map<IpFamily, List<AddressRange>> ranges = nodeRanges.computeIfAbsent(n, ipam.pods()::nodeRanges);
                for (Address a : addrs) {
                    check(key.equals(ipam.pods().holderOf(a)), () -> "holder of " + a + " is not " + key);
                    check(n.equals(ipam.pods().nodeOwning(a)), () -> a + " not on node " + n);
                    check(inside(config.podPool(), a), () -> a + " outside the pod pool");
                    check(inside(ranges.get(a.family()), a), () -> a + " outside node " + n + "'s ranges");
                }
            }
            for (List<Address> l : services.values()) {
                for (Address a : l) {
                    check(inside(config.servicePool(), a) || inside(config.staticServicePool(), a),
                            () -> a + " outside the service pools");
                }
            }
            for (List<Address> l : endpoints.values()) {
                for (Address a : l) {
                    check(inside(config.nodeServicePool(), a), () -> a + " outside the node service pool");
                }
            }
            checkNodeRangesDisjoint();
            checkCounters();
        }

        private static boolean inside(List<AddressRange> ranges, Address a) {
            for (AddressRange r : ranges) {
                if (r.contains(a)) {
                    return true;
                }
            }
            return false;
        }

        private void checkNodeRangesDisjoint() {
            List<AddressRange> all = new ArrayList<>();
            for (String n : ipam.pods().nodeNames()) {
                ipam.pods().nodeRanges(n).values().forEach(all::addAll);
            }
            all.sort((x, y) -> x.family() != y.family() ? x.family().compareTo(y.family()) : x.start().compareTo(y.start()));
            for (int i = 1; i < all.size(); i++) {
                AddressRange prev = all.get(i - 1);
                AddressRange cur = all.get(i);
                check(prev.family() != cur.family() || prev.end().compareTo(cur.start()) < 0,
                        () -> prev + " overlaps " + cur);
            }
        }

        private void checkCounters() {
            Map<PoolName, Map<IpFamily, Long>> held = new EnumMap<>(PoolName.class);
            pods.values().forEach(l -> l.forEach(a -> count(held, PoolName.POD, a)));
            services.forEach((s, l) -> l.forEach(a -> count(held,
                    ipam.loadBalancers().isStatic(s, a.family()) ? PoolName.STATIC_SERVICE : PoolName.SERVICE, a)));
            endpoints.values().forEach(l -> l.forEach(a -> count(held, PoolName.NODE_SERVICE, a)));
            for (PoolCounters c : ipam.counters()) {
                check(BigInteger.valueOf(c.used() + c.quarantined()).add(c.free()).equals(c.size()),
                        () -> "used + quarantined + free != size: " + c);
                long expectedUsed = held.getOrDefault(c.pool(), Map.of()).getOrDefault(c.family(), 0L);
                check(c.used() == expectedUsed, () -> "used " + c + " but model holds " + expectedUsed);
                BigInteger walked = freeByWalk(c.pool(), c.family());
                check(c.free().equals(walked), () -> "free " + c + " but walked " + walked);
            }
        }

        private static void count(Map<PoolName, Map<IpFamily, Long>> held, PoolName p, Address a) {
            held.computeIfAbsent(p, x -> new EnumMap<>(IpFamily.class)).merge(a.family(), 1L, Long::sum);
        }

        /** Free addresses counted independently of the counters: walk free runs and node blocks. */
        private BigInteger freeByWalk(PoolName pool, IpFamily f) {
            return switch (pool) {
                case POD -> ipam.pods().unchunkedFreeByWalk(f).add(BigInteger.valueOf(ipam.pods().freeOnNodesByWalk(f)));
                case SERVICE -> ipam.loadBalancers().dynamicPool(f).freeByWalk();
                case STATIC_SERVICE -> ipam.loadBalancers().staticPool(f).freeByWalk();
                case NODE_SERVICE -> ipam.nodeServiceEndpoints().pool(f).freeByWalk();
            };
        }
    }
}
