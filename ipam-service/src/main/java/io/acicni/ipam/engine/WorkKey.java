package io.acicni.ipam.engine;

/** One entity to bring up to date: a node (by name), a pod or a service (by {@code namespace/name}). */
public record WorkKey(Kind kind, String key) {
    public enum Kind { NODE, POD, SERVICE }

    public static WorkKey node(String name) {
        return new WorkKey(Kind.NODE, name);
    }

    public static WorkKey pod(String key) {
        return new WorkKey(Kind.POD, key);
    }

    public static WorkKey service(String key) {
        return new WorkKey(Kind.SERVICE, key);
    }
}
