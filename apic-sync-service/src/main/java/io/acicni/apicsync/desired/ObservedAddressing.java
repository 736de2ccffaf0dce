package io.acicni.apicsync.desired;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest node and service addressing read from the compacted topics: the dynamic half of the
 * fabric's desired state. Plain Java; written by the Kafka listener thread, read by the reconciler
 * (concurrent maps, each entry replaced whole, so a reader never sees half an update of one entity).
 */
public class ObservedAddressing {
    private final Map<String, NodeAddressing> nodes = new ConcurrentHashMap<>();
    private final Map<String, ServiceAddressing> services = new ConcurrentHashMap<>();
    private volatile Runnable onChange = () -> { };

    /** Called after every applied record (from the listener's thread). */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Applies a node record; null (a tombstone) removes the node. */
    public void node(String node, NodeAddressing addressing) {
        if (addressing == null) {
            nodes.remove(node);
        } else {
            nodes.put(node, addressing);
        }
        onChange.run();
    }

    /** Applies a service record; null (a tombstone) removes the service. */
    public void service(String key, ServiceAddressing addressing) {
        if (addressing == null) {
            services.remove(key);
        } else {
            services.put(key, addressing);
        }
        onChange.run();
    }

    public Optional<NodeAddressing> node(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    public Optional<ServiceAddressing> service(String key) {
        return Optional.ofNullable(services.get(key));
    }

    public Map<String, NodeAddressing> nodes() {
        return Map.copyOf(nodes);
    }

    public Map<String, ServiceAddressing> services() {
        return Map.copyOf(services);
    }
}
