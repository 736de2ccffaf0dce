package io.acicni.apicsync.health;

import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.quarkus.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.acicni.apicsync.it.ApicEmulatorResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ApicEmulatorResource.class)
@WithKubernetesTestServer
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
