package io.acicni.ipam.health;

import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.quarkus.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
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

    /** The loop's and the Kubernetes writer's metrics exist from the start, so an alert on them sees the first change. */
    @Test
    void theKubernetesWriterIsObservable() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("acicni_ipam_kubernetes_writes_pending "),
                        containsString("acicni_ipam_kubernetes_write_failures_total "),
                        containsString("acicni_ipam_kubernetes_events_dropped_total "),
                        containsString("acicni_ipam_publish_seconds_count "),
                        containsString("acicni_ipam_batch_keys_count "));
    }
}
