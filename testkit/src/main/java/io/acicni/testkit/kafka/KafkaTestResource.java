package io.acicni.testkit.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: points the service under test at the JVM's shared embedded broker. Use with
 * {@code @QuarkusTestResource(KafkaTestResource.class)} (Dev Services stay disabled).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafka.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // the shared broker outlives one test class; it stops with the JVM
    }
}
