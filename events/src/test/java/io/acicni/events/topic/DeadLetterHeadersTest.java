package io.acicni.events.topic;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersTest {

    @Test
    void theOriginalHeadersComeFirstThenWhyWhereAndWho() {
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>("acicni.pod-addressing", 7, 42L, "n/u", new byte[] {1});
        original.headers().add("ce_type", "io.acicni.pod-addressing.v1".getBytes(StandardCharsets.UTF_8));

        Headers headers = DeadLetterHeaders.of(original, new IllegalArgumentException("field 'uid' is required"), "/acicni/ep-writer-service/n1");

        List<String> seen = new ArrayList<>();
        for (Header h : headers) {
            seen.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(seen).containsExactly("ce_type=io.acicni.pod-addressing.v1", "dead-letter-reason=field 'uid' is required",
                "dead-letter-cause=java.lang.IllegalArgumentException", "dead-letter-topic=acicni.pod-addressing",
                "dead-letter-partition=7", "dead-letter-offset=42", "dead-letter-source=/acicni/ep-writer-service/n1");
        assertThat(new String(DeadLetterHeaders.of(original, new IllegalStateException(), "s").lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8)).isEqualTo("java.lang.IllegalStateException");
    }
}
