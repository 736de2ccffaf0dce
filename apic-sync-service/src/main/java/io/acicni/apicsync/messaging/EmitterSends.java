package io.acicni.apicsync.messaging;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Sends to Kafka through an emitter without ever throwing: a failure goes to the caller's handler. */
final class EmitterSends {
    private EmitterSends() {
    }

    /**
     * Sends {@code payload} with {@code metadata}; {@code failed} gets the cause when Kafka refuses it
     * (the message's nack) or the emitter does not take it (the channel is down).
     */
    static <T> void send(Emitter<T> emitter, T payload, Object metadata, Consumer<Throwable> failed) {
        Message<T> message = Message.of(payload, () -> CompletableFuture.completedFuture(null), e -> {
            failed.accept(e);
            return CompletableFuture.completedFuture(null);
        }).addMetadata(metadata);
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }
}
