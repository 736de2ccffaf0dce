package io.acicni.epwriter.health;

import io.acicni.testkit.kafka.KafkaTestResource;
import io.acicni.testkit.quarkus.ServiceEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HealthAndMetricsIT {

    @Test
    void healthIsUpOnceCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(ServiceEndpoints::assertHealthUp);
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'ep-writer addressing state' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        ServiceEndpoints.assertPrometheusMetrics();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("acicni_epwriter_lag_records{topic=\"acicni.pod-addressing\"}"))
                        .body(containsString("acicni_epwriter_kafka_not_published_total{topic=\"acicni.audit\"}")));
    }
}
