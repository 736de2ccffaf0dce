package io.acicni.ipam.engine;

import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.Topic;

import java.util.Optional;

/**
 * Whether a service's addressing record fits {@code acicni.service-addressing}. A record over the limit
 * would fail the whole Kafka transaction it is in (every pod of the batch with it), and ipam would
 * publish it again after restoring: so it is refused before it is sent. Plain Java.
 *
 * <p>Serialising a large record to measure it costs as much as sending it, so only a record that
 * could be too large is measured: one of more than {@link #UNITS_MEASURED_ABOVE} parts (endpoints,
 * their ports, the service's ports, labels and addresses). Each part is at most ~1 KiB of JSON with
 * the lengths Kubernetes validates (a node name ≤ 253, a port name ≤ 63, a label key ≤ 317 and value
 * ≤ 63 characters), so a record of fewer parts is under the limit.
 */
class ServiceRecordSize {
    static final int BYTES_PER_UNIT_BOUND = 1024;
    static final int UNITS_MEASURED_ABOVE = Topic.SERVICE_RECORD_LIMIT_BYTES / BYTES_PER_UNIT_BOUND - 1;

    private final int limitBytes;

    ServiceRecordSize() {
        this(Topic.SERVICE_RECORD_LIMIT_BYTES);
    }

    /** For tests: another limit (the unit bound applies to it the same way). */
    ServiceRecordSize(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Why the record cannot be published, or empty when it fits. */
    Optional<String> refusal(ServiceAddressing record) {
        long units = units(record);
        if (units <= limitBytes / BYTES_PER_UNIT_BOUND - 1) {
            return Optional.empty();
        }
        int bytes = measure(record);
        if (bytes <= limitBytes) {
            return Optional.empty();
        }
        return Optional.of("its addressing record is " + bytes + " bytes (" + record.endpoints().size() + " endpoints), over the "
                + limitBytes + "-byte limit of " + Topic.SERVICE_ADDRESSING.topicName()
                + "; not published: nodes keep its last published endpoints until it shrinks");
    }

    /** The record's size as it is sent (its JSON). */
    int measure(ServiceAddressing record) {
        return EventSerde.get().serialize(record).length;
    }

    static long units(ServiceAddressing record) {
        long units = 1L + record.ports().size() + record.labels().size() + record.clusterIPs().size()
                + record.loadBalancerIPs().size();
        for (ServiceAddressing.Endpoint e : record.endpoints()) {
            units += 1 + e.ports().size();
        }
        return units;
    }
}
