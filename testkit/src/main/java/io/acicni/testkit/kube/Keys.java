package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** {@code namespace/name} keys, as informer caches use them. */
final class Keys {
    private Keys() {
    }

    static String of(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? object.getMetadata().getName() : ns + "/" + object.getMetadata().getName();
    }

    static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? null : key.substring(0, slash);
    }

    static String name(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
