package io.acicni.events.serde;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.topic.Topic;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRoundTripProperties {

    @Property(tries = 500)
    void anyDualStackPodRoundTrips(@ForAll int v4, @ForAll long v6hi, @ForAll long v6lo) {
        IPAddress a4 = new IPv4Address(v4);
        IPAddress a6 = new IPv6Address(ByteBuffer.allocate(16).putLong(v6hi).putLong(v6lo).array());
        PodAddressing pod = new PodAddressing("u", "ns", "p", "n",
                List.of(new PodAddress(a6, 64, a6), new PodAddress(a4, 24, a4)), null, null, null, null);
        PodAddressing back = (PodAddressing) EventSerde.get().deserialize(Topic.POD_ADDRESSING, EventSerde.get().serialize(pod));
        assertThat(back).isEqualTo(pod);
        assertThat(back.addresses().get(0).address().isIPv6()).isTrue();
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeAsAnythingButInvalidEvent(@ForAll byte[] bytes) {
        try {
            EventSerde.get().deserialize(Topic.SERVICE_ADDRESSING, bytes);
        } catch (InvalidEventException expected) {
            assertThat(expected.field()).isNotNull();
        }
    }
}
