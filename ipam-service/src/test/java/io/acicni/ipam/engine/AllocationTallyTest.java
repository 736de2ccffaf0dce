package io.acicni.ipam.engine;

import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.IpamAllocator;
import io.acicni.ipam.allocator.PoolName;
import io.acicni.ipam.metrics.IpamMetrics;
import io.acicni.netconfig.config.AciContainersConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.acicni.ipam.engine.AllocationTally.Result.REFUSED;
import static io.acicni.ipam.engine.AllocationTally.Result.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code acicni_ipam_allocations_total{pool,family,result}}: the engine counts every address it hands
 * out and every family it refuses under the pool and family it concerns, and the metric shows them.
 */
class AllocationTallyTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
    private final FakeCluster cluster = new FakeCluster();
    private final IpamEngine engine = newEngine();

    private IpamEngine newEngine() {
        try {
            var controller = AciContainersConfig.controllerFromJson(Files.readString(Path.of("src/test/resources/controller.conf")));
            ClusterAddressing addressing = ClusterAddressing.from(controller, Duration.ofSeconds(30), clock);
            IpamEngine e = new IpamEngine(addressing, new IpamAllocator(addressing.allocatorConfig()), cluster,
                    new AuditLog("ipam-service/test", clock), clock, Duration.ofMinutes(2));
            e.restore(IpamEngine.RestoredState.empty(), new Changes());
            return e;
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void allocateOneOfEach() {
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        engine.node("worker-1", new Changes());                    // node service endpoint: v4 + v6
        cluster.addPod("default", "web", "worker-1");
        engine.pod("default/web", new Changes());                  // pod: v4 + v6
        cluster.addLoadBalancer("default", "dyn", "PreferDualStack", List.of("IPv4", "IPv6"), List.of("10.96.0.10", "fd00:96::a"));
        engine.service("default/dyn", new Changes());              // dynamic LB: v4 + v6
        Service a = cluster.addLoadBalancer("default", "a", "SingleStack", List.of("IPv4"), List.of("10.96.0.20"));
        a.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        engine.service("default/a", new Changes());                // static LB: v4
        Service taken = cluster.addLoadBalancer("default", "taken", "SingleStack", List.of("IPv4"), List.of("10.96.0.21"));
        taken.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        engine.service("default/taken", new Changes());            // static v4 already held: refused
    }

    @Test
    void eachAddressIsCountedUnderItsPoolAndFamily() {
        allocateOneOfEach();
        AllocationTally t = engine.tally();
        for (IpFamily f : IpFamily.values()) {
            assertThat(t.count(PoolName.POD, f, SUCCESS)).as("pod " + f).isEqualTo(1);
            assertThat(t.count(PoolName.NODE_SERVICE, f, SUCCESS)).as("node-service " + f).isEqualTo(1);
            assertThat(t.count(PoolName.SERVICE, f, SUCCESS)).as("service " + f).isEqualTo(1);
        }
        assertThat(t.count(PoolName.STATIC_SERVICE, IpFamily.V4, SUCCESS)).isEqualTo(1);
        assertThat(t.count(PoolName.STATIC_SERVICE, IpFamily.V6, SUCCESS)).isZero();
        assertThat(t.count(PoolName.STATIC_SERVICE, IpFamily.V4, REFUSED)).isEqualTo(1);
        assertThat(t.snapshot().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);

        // bringing the same objects up to date again hands out nothing new
        engine.node("worker-1", new Changes());
        engine.pod("default/web", new Changes());
        engine.service("default/dyn", new Changes());
        assertThat(t.snapshot().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
    }

    @Test
    void anUnsatisfiableStaticRequestIsRefusedForTheServicesFamilies() {
        Service strict = cluster.addLoadBalancer("default", "strict", "RequireDualStack", List.of("IPv4", "IPv6"),
                List.of("10.96.0.12", "fd00:96::c"));
        strict.getMetadata().setAnnotations(Map.of(LoadBalancerRequests.LB_IPS_ANNOTATION, "10.4.0.20"));
        engine.service("default/strict", new Changes());
        assertThat(engine.tally().snapshot()).containsOnly(
                Map.entry(new AllocationTally.Key(PoolName.STATIC_SERVICE, IpFamily.V4, REFUSED), 1L),
                Map.entry(new AllocationTally.Key(PoolName.STATIC_SERVICE, IpFamily.V6, REFUSED), 1L));
    }

    @Test
    void theMetricCarriesTheRealPoolAndFamily() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IpamMetrics metrics = new IpamMetrics(registry);
        allocateOneOfEach();
        metrics.snapshot(engine);
        metrics.snapshot(engine); // a second snapshot adds nothing
        for (String pool : List.of("pod", "service", "node-service")) {
            for (String family : List.of("ipv4", "ipv6")) {
                assertThat(count(registry, pool, family, "success")).as(pool + " " + family).isEqualTo(1.0);
            }
        }
        assertThat(count(registry, "static-service", "ipv4", "success")).isEqualTo(1.0);
        assertThat(count(registry, "static-service", "ipv4", "refused")).isEqualTo(1.0);
        assertThat(registry.find("acicni_ipam_allocations_total").tag("pool", "pod").tag("family", "all").counter()).isNull();
        assertThat(registry.find("acicni_ipam_allocations_total").counters()).allSatisfy(c ->
                assertThat(c.getId().getTag("family")).isIn("ipv4", "ipv6"));

        // a new engine (restore after a leader change) counts from zero: its allocations add up
        AllocationTallyTest afterRestore = new AllocationTallyTest();
        afterRestore.cluster.addNode("worker-2", "192.168.51.12", "2600:1d18:f46:9605::12");
        afterRestore.engine.node("worker-2", new Changes());
        afterRestore.cluster.addPod("default", "api", "worker-2");
        afterRestore.engine.pod("default/api", new Changes());
        metrics.snapshot(afterRestore.engine);
        assertThat(count(registry, "pod", "ipv4", "success")).isEqualTo(2.0);
        assertThat(count(registry, "pod", "ipv6", "success")).isEqualTo(2.0);
        assertThat(count(registry, "service", "ipv4", "success")).isEqualTo(1.0);
    }

    private static double count(SimpleMeterRegistry registry, String pool, String family, String result) {
        Counter c = registry.find("acicni_ipam_allocations_total").tag("pool", pool).tag("family", family)
                .tag("result", result).counter();
        return c == null ? 0 : c.count();
    }
}
