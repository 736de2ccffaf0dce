package io.acicni.ipam.engine;

import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.topic.Topic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one batch of engine work wants done outside the allocator: records to publish (in one Kafka
 * transaction, audits included), node annotations and Service statuses to patch, Kubernetes Events
 * to record. Later changes to the same entity replace earlier ones within a batch.
 */
public final class Changes {
    /** A record for a state topic; a null value is a tombstone. */
    public record Publish(Topic topic, String key, VersionedEvent value) {
    }

    /**
     * The annotations ipam owns on a node, with the values they must have; {@code uid} is the node
     * object they were decided for (null: any), so that they never land on a node re-created under the
     * same name.
     */
    public record NodeAnnotations(String node, String uid, Map<String, String> annotations) {
    }

    /** The LoadBalancer status ipam owns on a Service; {@code uid} as for {@link NodeAnnotations}. */
    public record ServiceStatus(String namespace, String name, String uid, List<String> ingressIps, LbCondition condition) {
    }

    /** A Kubernetes Event on an object. */
    public record ClusterEvent(String kind, String namespace, String name, String uid, String type, String reason,
                               String message) {
    }

    private final Map<String, Publish> publishes = new LinkedHashMap<>();
    private final List<AuditEvent> audits = new ArrayList<>();
    private final Map<String, NodeAnnotations> nodeAnnotations = new LinkedHashMap<>();
    private final Map<String, ServiceStatus> serviceStatuses = new LinkedHashMap<>();
    private final List<ClusterEvent> events = new ArrayList<>();

    public void publish(Topic topic, String key, VersionedEvent value) {
        String id = topic.topicName() + "|" + key;
        publishes.remove(id); // keep the order of the latest change
        publishes.put(id, new Publish(topic, key, value));
    }

    public void audit(AuditEvent event) {
        audits.add(event);
    }

    public void annotate(NodeAnnotations change) {
        nodeAnnotations.put(change.node(), change);
    }

    public void status(ServiceStatus change) {
        serviceStatuses.put(change.namespace() + "/" + change.name(), change);
    }

    public void event(ClusterEvent event) {
        events.add(event);
    }

    public List<Publish> publishes() {
        return List.copyOf(publishes.values());
    }

    public List<AuditEvent> audits() {
        return List.copyOf(audits);
    }

    public List<NodeAnnotations> nodeAnnotations() {
        return List.copyOf(nodeAnnotations.values());
    }

    public List<ServiceStatus> serviceStatuses() {
        return List.copyOf(serviceStatuses.values());
    }

    public List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    public boolean isEmpty() {
        return publishes.isEmpty() && audits.isEmpty() && nodeAnnotations.isEmpty() && serviceStatuses.isEmpty() && events.isEmpty();
    }

    public int size() {
        return publishes.size() + audits.size() + nodeAnnotations.size() + serviceStatuses.size() + events.size();
    }
}
