package io.acicni.testkit.kube;

import java.net.URI;
import java.net.URISyntaxException;

/** What a watch request's path says beyond its attributes. */
final class WatchPaths {
    private WatchPaths() {
    }

    /**
     * The object name a watch asks for with a {@code metadata.name} field selector, as fabric8's
     * dispatcher reads it: in the decoded query, the last {@code =}-separated part of the last
     * parameter that mentions both {@code fieldSelector} and {@code metadata.name}; null if none
     * (or an unparsable path).
     */
    static String nameFromFieldSelector(String path) {
        String query;
        try {
            query = new URI(path).getQuery();
        } catch (URISyntaxException e) {
            return null;
        }
        if (query == null || query.isEmpty()) {
            return null;
        }
        String name = "";
        for (String parameter : query.split("&")) {
            if (parameter.contains("fieldSelector") && parameter.contains("metadata.name")) {
                String[] parts = parameter.split("=");
                name = parts[parts.length - 1];
            }
        }
        return name.isEmpty() ? null : name;
    }
}
