package io.acicni.ipam.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class IpamMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IpamMetrics metrics = new IpamMetrics(registry);

    @Test
    void aBatchRecordsItsKafkaTransactionAndSizeOnlyWhenItHadThem() {
        metrics.batch(3, 1_000, 5_000_000);   // three keys, published in 5 ms
        metrics.batch(0, 500, -1);            // maintenance that changed nothing
        metrics.batch(2, 700, -1);            // keys whose objects needed nothing

        var publish = registry.get("acicni_ipam_publish_seconds").timer();
        assertThat(publish.count()).isEqualTo(1);
        assertThat(publish.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        var keys = registry.get("acicni_ipam_batch_keys").summary();
        assertThat(keys.count()).isEqualTo(2);
        assertThat(keys.totalAmount()).isEqualTo(5.0);
        assertThat(registry.get("acicni_ipam_batch_seconds").timer().count()).isEqualTo(3);
    }

    /**
     * A pod's allocation time and a batch's publish time are read against each other bucket by bucket
     * (docs/benchmarks.md), so both are histograms from 1 ms to 10 s with the same buckets.
     */
    @Test
    void allocationAndPublishShareTheirHistogramBuckets() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IpamMetrics scraped = new IpamMetrics(prometheus);
        scraped.batch(1, 1_000, 5_000_000);
        scraped.podLatency(7_000_000);
        String text = prometheus.scrape();

        List<Double> publish = bucketBounds(text, "acicni_ipam_publish_seconds");
        assertThat(publish).hasSizeGreaterThan(10); // a histogram, not just count and sum
        assertThat(publish.get(0)).isBetween(0.001, 0.002);
        assertThat(publish.get(publish.size() - 2)).isBetween(5.0, 10.0); // the last one is +Inf
        assertThat(bucketBounds(text, "acicni_ipam_allocation_seconds")).isEqualTo(publish);
    }

    private static List<Double> bucketBounds(String prometheusText, String timer) {
        Matcher m = Pattern.compile("^" + timer + "_bucket\\{.*le=\"([^\"]+)\".*$", Pattern.MULTILINE).matcher(prometheusText);
        List<Double> bounds = new ArrayList<>();
        while (m.find()) {
            bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
        }
        return bounds;
    }
}
