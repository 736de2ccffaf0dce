package io.acicni.epwriter.messaging;

import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.events.topic.Topic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.v4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordHandlerTest {
    final AddressingState state = new AddressingState(List.of("n1"));
    final RecordHandler handler = new RecordHandler(state);
    final String pods = Topic.POD_ADDRESSING.topicName();

    @Test
    void appliesServedPodsSkipsOthersAndRemovesOnTombstones() {
        PodAddressing mine = pod("u1", "n1", "a", v4("10.2.0.5"));
        PodAddressing theirs = pod("u2", "n2", "b", v4("10.2.0.6"));
        assertThat(handler.handle(pods, key("n1/u1"), EventSerde.get().serialize(mine))).isEqualTo(RecordHandler.Outcome.APPLIED);
        assertThat(handler.handle(pods, key("n2/u2"), EventSerde.get().serialize(theirs))).isEqualTo(RecordHandler.Outcome.OTHER_NODE);
        assertThat(state.pod("n1", "u1")).contains(mine);
        handler.handle(pods, key("n1/u1"), null);
        assertThat(state.pod("n1", "u1")).isEmpty();
    }

    @Test
    void contractViolationsNameTheField() {
        PodAddressing mine = pod("u1", "n1", "a", v4("10.2.0.5"));
        assertThatThrownBy(() -> handler.handle(pods, key("n1/other"), EventSerde.get().serialize(mine)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("field 'node/uid'");
        assertThatThrownBy(() -> handler.handle(pods, key("no-slash"), new byte[0]))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("field 'key'");
        assertThatThrownBy(() -> handler.handle(pods, null, new byte[0])).hasMessageContaining("field 'key'");
        assertThatThrownBy(() -> handler.handle(pods, key("n1/u1"), "{\"schemaVersion\":7}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown schema version 7");
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }
}
