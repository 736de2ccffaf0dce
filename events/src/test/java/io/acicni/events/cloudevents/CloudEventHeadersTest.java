package io.acicni.events.cloudevents;

import io.acicni.events.topic.Topic;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventHeadersTest {

    @Test
    void binaryModeHeadersRoundTrip() {
        Instant now = Instant.parse("2026-11-26T06:00:00.123Z");
        Headers headers = CloudEventHeaders.create(Topic.POD_ADDRESSING, 1, "/acicni/ipam-service/ipam-0", "worker-1/uid-1", now);
        assertThat(CloudEventHeaders.value(headers, "ce_specversion")).contains("1.0");
        assertThat(CloudEventHeaders.value(headers, "content-type")).contains("application/json");
        CloudEventAttributes attrs = CloudEventHeaders.read(headers);
        assertThat(attrs.type()).isEqualTo("io.acicni.pod-addressing.v1");
        assertThat(attrs.source()).isEqualTo("/acicni/ipam-service/ipam-0");
        assertThat(attrs.subject()).isEqualTo("worker-1/uid-1");
        assertThat(attrs.time()).isEqualTo(now);
        assertThat(attrs.id()).hasSize(36);
    }

    @Test
    void idsAreUnique() {
        Instant now = Instant.now();
        String a = CloudEventHeaders.read(CloudEventHeaders.create(Topic.AUDIT, 1, "/s", "x", now)).id();
        String b = CloudEventHeaders.read(CloudEventHeaders.create(Topic.AUDIT, 1, "/s", "x", now)).id();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void missingHeaderIsNamed() {
        assertThatThrownBy(() -> CloudEventHeaders.read(new RecordHeaders())).hasMessageContaining("ce_specversion");
    }
}
