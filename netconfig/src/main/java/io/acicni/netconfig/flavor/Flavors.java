package io.acicni.netconfig.flavor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of supported flavors: {@code kubernetes-1.10} … {@code kubernetes-1.35}
 * (dual stack from 1.21) and {@code openshift-4.12} … {@code openshift-4.18}, each OpenShift
 * version also with the {@code -baremetal}, {@code -esx} and {@code -openstack} platforms.
 */
public final class Flavors {
    private static final List<String> OPENSHIFT_PLATFORMS = List.of("", "baremetal", "esx", "openstack");
    private static final Map<String, Flavor> BY_NAME = build();

    private Flavors() {
    }

    private static Map<String, Flavor> build() {
        Map<String, Flavor> flavors = new LinkedHashMap<>();
        for (int minor = 10; minor <= 35; minor++) {
            add(flavors, new Flavor("kubernetes-1." + minor, Distribution.KUBERNETES, 1, minor, ""));
        }
        for (int minor = 12; minor <= 18; minor++) {
            for (String platform : OPENSHIFT_PLATFORMS) {
                String name = "openshift-4." + minor + (platform.isEmpty() ? "" : "-" + platform);
                add(flavors, new Flavor(name, Distribution.OPENSHIFT, 4, minor, platform));
            }
        }
        return Collections.unmodifiableMap(flavors);
    }

    private static void add(Map<String, Flavor> flavors, Flavor flavor) {
        flavors.put(flavor.name(), flavor);
    }

    public static Optional<Flavor> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** All flavors in listing order (Kubernetes by version, then OpenShift by version). */
    public static List<Flavor> all() {
        return new ArrayList<>(BY_NAME.values());
    }
}
