package io.acicni.apicsync.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.apic.diff.ApicDelete;
import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicObject;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.topic.Topic;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * One audit event per APIC POST and DELETE: the dn, what was written or removed, and why.
 *
 * <p>The emitter's buffer is unbounded: a pass's writes are already made when their audits are sent,
 * and the first pass on a large fabric makes thousands (the default buffer, 128 plus 1,024 in flight,
 * made {@code send} throw for the rest). It holds at most one pass's events while Kafka is slow. An
 * event Kafka refuses is logged and counted ({@code acicni_apic_audit_not_published_total}).
 */
// created at start, not at first use: its counter is scraped from 0, so an alert sees the first failure
@Startup
@ApplicationScoped
public class AuditPublisher {
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final Emitter<AuditEvent> emitter;
    private final String actor;
    private final Counter notPublished;

    @Inject
    public AuditPublisher(@Channel("audit-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<AuditEvent> emitter,
                          @ConfigProperty(name = "acicni.instance.name") String instance, MeterRegistry registry) {
        this.emitter = emitter;
        this.actor = "apic-sync-service/" + instance;
        this.notPublished = Counter.builder("acicni.apic.audit.not.published")
                .description("Audit events of APIC writes that could not be sent to Kafka (logged, not retried)").register(registry);
    }

    /** Audit events that could not be sent, since start. */
    public long notPublished() {
        return (long) notPublished.count();
    }

    public void changes(ChangeSet changes) {
        for (ApicPost post : changes.posts()) {
            send(new AuditEvent("apic/" + post.dn(), actor, "apic.post", null, tree(post.body()), post.reason(), Instant.now()));
        }
        for (ApicDelete delete : changes.deletes()) {
            send(new AuditEvent("apic/" + delete.dn(), actor, "apic.delete", delete.before() == null ? null : tree(delete.before()),
                    null, delete.reason(), Instant.now()));
        }
        for (ApicDelete removal : changes.removedInPosts()) {
            send(new AuditEvent("apic/" + removal.dn(), actor, "apic.delete", removal.before() == null ? null : tree(removal.before()),
                    null, removal.reason() + " (status deleted in the POST of its parent)", Instant.now()));
        }
    }

    private void send(AuditEvent event) {
        EmitterSends.send(emitter, event, OutgoingKafkaRecordMetadata.<String>builder().withKey(event.subject())
                .withHeaders(CloudEventHeaders.create(Topic.AUDIT, event.schemaVersion(), "/acicni/" + actor, event.subject(), event.time()))
                .build(), e -> failed(event, e));
    }

    private void failed(AuditEvent event, Throwable e) {
        notPublished.increment();
        LOG.warnf("Audit event %s %s not published: %s", event.action(), event.subject(), e.getMessage());
    }

    private static JsonNode tree(ApicObject object) {
        return ApicJson.readTree(ApicJson.write(object));
    }
}
