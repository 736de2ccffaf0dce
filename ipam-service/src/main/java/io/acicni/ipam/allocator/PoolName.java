package io.acicni.ipam.allocator;

/** The allocator's pools, named by their {@code controller-config} keys. */
public enum PoolName {
    POD("pod-ip-pool"),
    SERVICE("service-ip-pool"),
    STATIC_SERVICE("static-service-ip-pool"),
    NODE_SERVICE("node-service-ip-pool");

    private final String configKey;

    PoolName(String configKey) {
        this.configKey = configKey;
    }

    /** The {@code controller-config} key of the pool. */
    public String configKey() {
        return configKey;
    }
}
