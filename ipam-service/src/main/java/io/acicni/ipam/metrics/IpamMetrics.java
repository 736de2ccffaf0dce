package io.acicni.ipam.metrics;

import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.PoolCounters;
import io.acicni.ipam.allocator.PoolName;
import io.acicni.ipam.engine.AllocationLoop;
import io.acicni.ipam.engine.AllocationTally;
import io.acicni.ipam.engine.IpamEngine;
import io.acicni.ipam.engine.WorkQueue;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ipam's Micrometer metrics. Pool gauges read a snapshot the allocation loop publishes after each
 * batch (the allocator itself is never read from the scrape thread):
 * {@code acicni_ipam_addresses{pool,family,state=used|free|quarantined}},
 * {@code acicni_ipam_allocations_total{pool=pod|service|static-service|node-service,family=ipv4|ipv6,result=success|refused}}
 * (from the engine's {@link AllocationTally}: one per address handed out, one per family refused),
 * {@code acicni_ipam_allocation_seconds} (first change of a pod to its record committed in Kafka),
 * {@code acicni_ipam_publish_seconds} (a batch's Kafka transaction), {@code acicni_ipam_batch_keys},
 * {@code acicni_ipam_pods_waiting}, {@code acicni_ipam_queue_depth}, {@code acicni_ipam_ready},
 * {@code acicni_ipam_kubernetes_writes_pending}, {@code acicni_ipam_kubernetes_write_failures_total},
 * {@code acicni_ipam_kubernetes_events_dropped_total} (the {@link KubernetesWriteBack}).
 */
@ApplicationScoped
public class IpamMetrics implements AllocationLoop.Listener {
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer batches;
    private final Timer publishes;
    private final DistributionSummary batchKeys;
    private final Map<AllocationTally.Key, Long> lastCounts = new ConcurrentHashMap<>();
    private volatile IpamEngine lastEngine;
    private volatile AllocationLoop loop;

    public IpamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = histogram(registry, "acicni_ipam_allocation_seconds",
                "Time from a pod's first change to its addressing committed in Kafka");
        this.batches = Timer.builder("acicni_ipam_batch_seconds").description("Engine time per batch").register(registry);
        this.publishes = histogram(registry, "acicni_ipam_publish_seconds",
                "Kafka transaction of a batch that changed something (its records and audit events, committed)");
        this.batchKeys = DistributionSummary.builder("acicni_ipam_batch_keys")
                .description("Changed objects (pods, nodes, services) the allocation loop took in one batch")
                .register(registry);
    }

    /**
     * A timer with a percentile histogram over 1 ms–10 s. Allocation and publish share the buckets, so
     * the publish part of a pod's allocation time reads off bucket by bucket (docs/benchmarks.md).
     */
    private static Timer histogram(MeterRegistry registry, String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void bind(AllocationLoop loop, WorkQueue queue, KubernetesWriteBack writeBack) {
        this.loop = loop;
        Gauge.builder("acicni_ipam_kubernetes_writes_pending", writeBack, KubernetesWriteBack::pending)
                .description("Node annotation, Service status and Event writes waiting for the API server (committed in Kafka)")
                .register(registry);
        FunctionCounter.builder("acicni_ipam_kubernetes_write_failures_total", writeBack, KubernetesWriteBack::failures)
                .description("Kubernetes writes that failed and are tried again after a back-off").register(registry);
        FunctionCounter.builder("acicni_ipam_kubernetes_events_dropped_total", writeBack, KubernetesWriteBack::droppedEvents)
                .description("Kubernetes Events given up: every attempt failed, or too many were waiting").register(registry);
        Gauge.builder("acicni_ipam_queue_depth", queue, WorkQueue::size).register(registry);
        Gauge.builder("acicni_ipam_ready", this, m -> m.loop != null && m.loop.state() == AllocationLoop.State.READY ? 1 : 0)
                .description("1 when this instance is the leader and has restored its state").register(registry);
        Gauge.builder("acicni_ipam_pods_waiting", values, v -> v.getOrDefault("waiting", 0.0))
                .description("Pods that could not get addresses yet").register(registry);
    }

    @Override
    public void batch(int keys, long engineNanos, long sinkNanos) {
        batches.record(Duration.ofNanos(engineNanos));
        if (keys > 0) {
            batchKeys.record(keys);
        }
        if (sinkNanos >= 0) {
            publishes.record(Duration.ofNanos(sinkNanos));
        }
    }

    @Override
    public void podLatency(long nanosSinceFirstChange) {
        latency.record(Duration.ofNanos(nanosSinceFirstChange));
    }

    @Override
    public void snapshot(IpamEngine engine) {
        List<PoolCounters> pools = engine.pools();
        for (PoolCounters c : pools) {
            gauge(c, "used", c.used());
            gauge(c, "quarantined", c.quarantined());
            gauge(c, "free", c.free().doubleValue());
        }
        values.put("waiting", (double) engine.waitingPods());
        if (engine != lastEngine) {
            lastCounts.clear(); // a new engine after restore counts from zero
            lastEngine = engine;
        }
        for (Map.Entry<AllocationTally.Key, Long> e : engine.tally().snapshot().entrySet()) {
            long previous = lastCounts.getOrDefault(e.getKey(), 0L);
            if (e.getValue() > previous) {
                counter(e.getKey()).increment(e.getValue() - previous);
            }
            lastCounts.put(e.getKey(), e.getValue());
        }
    }

    private Counter counter(AllocationTally.Key key) {
        return Counter.builder("acicni_ipam_allocations_total")
                .description("Addresses handed out (success) and families refused (refused), per pool and family")
                .tag("pool", pool(key.pool())).tag("family", family(key.family())).tag("result", key.result().label())
                .register(registry);
    }

    /** Label value of a pool: {@code pod}, {@code service}, {@code static-service}, {@code node-service}. */
    static String pool(PoolName pool) {
        return pool.name().toLowerCase().replace('_', '-');
    }

    /** Label value of a family: {@code ipv4}, {@code ipv6}. */
    static String family(IpFamily family) {
        return family == IpFamily.V4 ? "ipv4" : "ipv6";
    }

    private void gauge(PoolCounters c, String state, double value) {
        String pool = pool(c.pool());
        String family = family(c.family());
        String id = pool + "|" + family + "|" + state;
        if (values.put(id, value) == null) {
            Gauge.builder("acicni_ipam_addresses", values, v -> v.getOrDefault(id, 0.0))
                    .tag("pool", pool).tag("family", family).tag("state", state)
                    .register(registry);
        }
    }
}
