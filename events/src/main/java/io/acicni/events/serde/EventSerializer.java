package io.acicni.events.serde;

import io.acicni.events.model.VersionedEvent;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for the catalogue's records; a null value stays null (a tombstone). */
public class EventSerializer implements Serializer<VersionedEvent> {
    @Override
    public byte[] serialize(String topic, VersionedEvent data) {
        return EventSerde.get().serialize(data);
    }
}
