package io.acicni.apicsync.messaging;

import io.acicni.events.topic.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;


/**
 * Copies a record the listener cannot apply to {@code acicni.dlq}: its key and value, with
 * {@link DeadLetterHeaders} (the same as ep-writer's). Sent by us rather than by the connector's
 * dead-letter-queue strategy, whose failed send failed the incoming channel (liveness KO, a restart,
 * and a crash loop while the DLQ cannot be written); here a failed send is logged and counted
 * ({@code acicni_apic_dead_letters_not_published_total}) and consumption goes on.
 */
// created at start, not at first use: its counter is scraped from 0, so an alert sees the first failure
@Startup
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<byte[]> emitter;
    private final String source;
    private final Counter notPublished;

    @Inject
    public DeadLetters(@Channel("dlq-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> emitter,
                       @ConfigProperty(name = "acicni.instance.name") String instance, MeterRegistry registry) {
        this.emitter = emitter;
        this.source = "/acicni/apic-sync-service/" + instance;
        this.notPublished = Counter.builder("acicni.apic.dead.letters.not.published")
                .description("Rejected records that could not be copied to acicni.dlq (logged, not retried)").register(registry);
    }

    public void send(ConsumerRecord<String, byte[]> original, Exception reason) {
        EmitterSends.send(emitter, original.value(), OutgoingKafkaRecordMetadata.<String>builder().withKey(original.key())
                .withHeaders(DeadLetterHeaders.of(original, reason, source)).build(), e -> failed(original, e));
    }

    /** Copies that could not be sent, since start. */
    public long notPublished() {
        return (long) notPublished.count();
    }

    private void failed(ConsumerRecord<String, byte[]> original, Throwable e) {
        notPublished.increment();
        LOG.errorf("Rejected record %s-%d@%d could not be sent to acicni.dlq: %s", original.topic(), original.partition(),
                original.offset(), e.getMessage());
    }
}
