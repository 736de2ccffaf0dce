package io.acicni.deploy.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every object of the suite carries. */
final class Labels {
    static final String PART_OF = "aci-dualstack";

    private Labels() {
    }

    static Map<String, String> common() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", PART_OF);
        labels.put("app.kubernetes.io/managed-by", "aci-dualstack-provision");
        return labels;
    }

    static Map<String, String> component(String name) {
        Map<String, String> labels = common();
        labels.put("app.kubernetes.io/name", name);
        return labels;
    }

    static Map<String, String> selector(String name) {
        return Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", PART_OF);
    }
}
