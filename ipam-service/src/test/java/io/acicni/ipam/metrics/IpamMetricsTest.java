package io.acicni.ipam.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

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
}
