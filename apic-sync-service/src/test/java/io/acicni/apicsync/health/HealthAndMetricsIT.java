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
        // the sends that failed, under the names docs/operations.md gives
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("acicni_apic_audit_not_published_total"))
                .body(org.hamcrest.Matchers.containsString("acicni_apic_dead_letters_not_published_total"));
    }
}
