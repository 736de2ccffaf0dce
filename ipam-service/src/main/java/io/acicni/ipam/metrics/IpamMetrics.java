package io.acicni.ipam.metrics;

import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.PoolCounters;
import io.acicni.ipam.engine.AllocationLoop;
import io.acicni.ipam.engine.IpamEngine;
import io.acicni.ipam.engine.WorkQueue;
import io.micrometer.core.instrument.Counter;
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
 * {@code acicni_ipam_allocations_total{pool="pod",family,result=success|refused}},
 * {@code acicni_ipam_allocation_seconds} (first change of a pod to its record committed in Kafka),
 * {@code acicni_ipam_pods_waiting}, {@code acicni_ipam_queue_depth}, {@code acicni_ipam_ready}.
 */
@ApplicationScoped
public class IpamMetrics implements AllocationLoop.Listener {
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Timer batches;
    private volatile long lastAllocations;
    private volatile long lastRefusals;
    private volatile AllocationLoop loop;

    public IpamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("acicni_ipam_allocation_seconds")
                .description("Time from a pod's first change to its addressing committed in Kafka")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.batches = Timer.builder("acicni_ipam_batch_seconds").description("Engine time per batch").register(registry);
    }

    public void bind(AllocationLoop loop, WorkQueue queue) {
        this.loop = loop;
        Gauge.builder("acicni_ipam_queue_depth", queue, WorkQueue::size).register(registry);
        Gauge.builder("acicni_ipam_ready", this, m -> m.loop != null && m.loop.state() == AllocationLoop.State.READY ? 1 : 0)
                .description("1 when this instance is the leader and has restored its state").register(registry);
        Gauge.builder("acicni_ipam_pods_waiting", values, v -> v.getOrDefault("waiting", 0.0))
                .description("Pods that could not get addresses yet").register(registry);
    }

    @Override
    public void batch(int keys, long engineNanos, long sinkNanos) {
        batches.record(Duration.ofNanos(engineNanos));
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
        long allocations = engine.allocations();
        long refusals = engine.refusals();
        if (allocations < lastAllocations || refusals < lastRefusals) {
            lastAllocations = 0; // a new engine after restore counts from zero
            lastRefusals = 0;
        }
        counter("success").increment(Math.max(0, allocations - lastAllocations));
        counter("refused").increment(Math.max(0, refusals - lastRefusals));
        lastAllocations = allocations;
        lastRefusals = refusals;
    }

    private Counter counter(String result) {
        return Counter.builder("acicni_ipam_allocations_total").tag("pool", "pod").tag("family", "all").tag("result", result)
                .register(registry);
    }

    private void gauge(PoolCounters c, String state, double value) {
        String pool = c.pool().name().toLowerCase().replace('_', '-');
        String family = c.family() == IpFamily.V4 ? "ipv4" : "ipv6";
        String id = pool + "|" + family + "|" + state;
        if (values.put(id, value) == null) {
            Gauge.builder("acicni_ipam_addresses", values, v -> v.getOrDefault(id, 0.0))
                    .tag("pool", pool).tag("family", family).tag("state", state)
                    .register(registry);
        }
    }
}
