package io.acicni.events.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record type that travels on a topic is registered for reflection in native images. */
class NativeReflectionConfigTest {

    @Test
    void everyEventRecordIsRegistered() throws Exception {
        JsonNode config;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/native-image/io.acicni/events/reflect-config.json")) {
            config = EventSerde.get().mapper().readTree(in);
        }
        Set<String> registered = new HashSet<>();
        config.forEach(entry -> registered.add(entry.get("name").asText()));
        for (Topic topic : Topic.values()) {
            if (topic.valueType() != null) {
                assertThat(registered).contains(topic.valueType().getName());
                for (Class<?> nested : topic.valueType().getDeclaredClasses()) {
                    if (nested.isRecord()) {
                        assertThat(registered).contains(nested.getName());
                    }
                }
                for (var component : topic.valueType().getRecordComponents()) {
                    Class<?> type = component.getType();
                    if (type.getPackageName().equals("io.acicni.events.model")) {
                        assertThat(registered).contains(type.getName());
                    }
                }
            }
        }
        assertThat(registered).contains(PodAddress.class.getName(), IpRange.class.getName());
    }
}
