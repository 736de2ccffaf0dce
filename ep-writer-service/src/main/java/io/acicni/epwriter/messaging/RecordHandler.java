package io.acicni.epwriter.messaging;

import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.PodKey;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;

import java.nio.charset.StandardCharsets;

/**
 * Applies one record of the state topics to the {@link AddressingState}: pods of served nodes, every
 * service, the served nodes' own records; tombstones remove. A record that breaks the contract (bad
 * key, bad value, key and value disagreeing) throws an {@link InvalidEventException} naming the field;
 * the caller sends it to the DLQ. Plain Java.
 */
public final class RecordHandler {
    public enum Outcome { APPLIED, OTHER_NODE }

    private final AddressingState state;
    private final EventSerde serde = EventSerde.get();

    public RecordHandler(AddressingState state) {
        this.state = state;
    }

    public Outcome handle(String topic, byte[] keyBytes, byte[] value) {
        Topic t = Topic.byName(topic).orElseThrow(() -> new IllegalArgumentException("not a catalogue topic: " + topic));
        if (keyBytes == null) {
            throw new InvalidEventException("key", "is required on " + topic);
        }
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        return switch (t) {
            case POD_ADDRESSING -> pod(key, value);
            case SERVICE_ADDRESSING -> service(key, value);
            case NODE_ADDRESSING -> node(key, value);
            default -> throw new IllegalArgumentException("ep-writer does not read " + topic);
        };
    }

    private Outcome pod(String key, byte[] value) {
        PodKey podKey = PodKey.parse(key);
        if (!state.serves(podKey.node())) {
            return Outcome.OTHER_NODE; // shares the partition with one of ours
        }
        PodAddressing pod = (PodAddressing) serde.deserialize(Topic.POD_ADDRESSING, value);
        if (pod == null) {
            state.removePod(podKey.node(), podKey.podUid());
            return Outcome.APPLIED;
        }
        if (!pod.key().equals(key)) {
            throw new InvalidEventException("node/uid", "'" + pod.key() + "' differs from the record key '" + key + "'");
        }
        state.putPod(pod);
        return Outcome.APPLIED;
    }

    private Outcome service(String key, byte[] value) {
        ServiceAddressing service = (ServiceAddressing) serde.deserialize(Topic.SERVICE_ADDRESSING, value);
        if (service != null && !service.key().equals(key)) {
            throw new InvalidEventException("namespace/name", "'" + service.key() + "' differs from the record key '" + key + "'");
        }
        state.putService(key, service);
        return Outcome.APPLIED;
    }

    private Outcome node(String key, byte[] value) {
        if (!state.serves(key)) {
            return Outcome.OTHER_NODE;
        }
        NodeAddressing node = (NodeAddressing) serde.deserialize(Topic.NODE_ADDRESSING, value);
        if (node != null && !node.node().equals(key)) {
            throw new InvalidEventException("node", "'" + node.node() + "' differs from the record key '" + key + "'");
        }
        state.putNode(key, node);
        return Outcome.APPLIED;
    }
}
