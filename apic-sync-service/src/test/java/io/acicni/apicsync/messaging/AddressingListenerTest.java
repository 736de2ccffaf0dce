package io.acicni.apicsync.messaging;

import io.acicni.apicsync.desired.ObservedAddressing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class AddressingListenerTest {

    /** An emitter whose every send is refused, as when acicni.dlq cannot be written. */
    static final class RefusingEmitter implements Emitter<byte[]> {
        int sent;

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M msg) {
            sent++;
            msg.nack(new IllegalStateException("TOPIC_AUTHORIZATION_FAILED")).toCompletableFuture().join();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    @Test
    void aBadRecordWhoseDeadLetterCannotBeSentIsCountedAndTheListenerGoesOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RefusingEmitter emitter = new RefusingEmitter();
        DeadLetters deadLetters = new DeadLetters(emitter, "t", registry);
        ObservedAddressing observed = new ObservedAddressing();
        AddressingListener listener = new AddressingListener(observed, registry, deadLetters);

        ConsumerRecord<String, byte[]> bad = new ConsumerRecord<>("acicni.service-addressing", 0, 7L, "ns/bad",
                "{\"schemaVersion\":1,\"uid\":".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> listener.onService(bad)).doesNotThrowAnyException();
        ConsumerRecord<String, byte[]> noKey = new ConsumerRecord<>("acicni.node-addressing", 0, 8L, null,
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> listener.onNode(noKey)).doesNotThrowAnyException();

        assertThat(emitter.sent).isEqualTo(2);
        assertThat(deadLetters.notPublished()).isEqualTo(2);
        assertThat(listener.processedNext(new org.apache.kafka.common.TopicPartition("acicni.service-addressing", 0))).isEqualTo(8L);
        assertThat(listener.processedNext(new org.apache.kafka.common.TopicPartition("acicni.node-addressing", 0))).isEqualTo(9L);
        assertThat(registry.counter("acicni_events_rejected_total", "topic", "acicni.service-addressing").count()).isEqualTo(1);
        assertThat(observed.services()).isEmpty();

        // a tombstone of something unknown is no error
        listener.onService(new ConsumerRecord<>("acicni.service-addressing", 0, 9L, "ns/gone", null));
        assertThat(emitter.sent).isEqualTo(2);
    }
}
