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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/** One audit event per APIC POST and DELETE: the dn, what was written or removed, and why. */
@ApplicationScoped
public class AuditPublisher {
    private final Emitter<AuditEvent> emitter;
    private final String actor;

    @Inject
    public AuditPublisher(@Channel("audit-out") Emitter<AuditEvent> emitter,
                          @ConfigProperty(name = "acicni.instance.name") String instance) {
        this.emitter = emitter;
        this.actor = "apic-sync-service/" + instance;
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
        emitter.send(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.subject())
                .withHeaders(CloudEventHeaders.create(Topic.AUDIT, event.schemaVersion(), "/acicni/" + actor, event.subject(), event.time()))
                .build()));
    }

    private static JsonNode tree(ApicObject object) {
        return ApicJson.readTree(ApicJson.write(object));
    }
}
