package io.acicni.epwriter.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The client properties of the shared {@code kafka.*} configuration usable by plain clients. */
final class KafkaSettings {
    /** Properties that belong to SmallRye channels or consumer groups, not to this service's plain clients. */
    private static final Set<String> DROPPED = Set.of("group.id", "enable.auto.commit", "auto.offset.reset",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "transactional.id");

    private KafkaSettings() {
    }

    static Map<String, Object> clientConfig(Map<String, Object> shared) {
        Map<String, Object> out = new HashMap<>();
        shared.forEach((k, v) -> {
            if (v != null && !v.toString().isBlank() && !DROPPED.contains(k) && k.contains(".")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
