package io.acicni.testkit.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Checks every service of the suite must pass: SmallRye Health and the Prometheus registry answer. */
public final class ServiceEndpoints {
    private ServiceEndpoints() {
    }

    /** {@code GET /q/health} answers 200 with status UP. */
    public static void assertHealthUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** {@code GET /q/metrics} answers Prometheus text with JVM metrics. */
    public static void assertPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE jvm_memory_used_bytes"));
    }
}
