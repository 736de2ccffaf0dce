package io.acicni.ipam.health;

import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.quarkus.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HealthAndMetricsIT {

    @Test
    void healthIsUp() {
        ServiceEndpoints.assertHealthUp();
    }

    @Test
    void metricsArePrometheusText() {
        ServiceEndpoints.assertPrometheusMetrics();
    }
}
