package io.acicni.ipam.messaging;

import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.PodKey;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.config.EventSourceConfig;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes addressing records on the catalogue's state topics through SmallRye Reactive Messaging:
 * keyed as the catalogue says, CloudEvents binary headers on every record, tombstones for removals.
 * The returned stage completes when the broker has acknowledged the record.
 */
@ApplicationScoped
public class AddressingPublisher {
    private final Emitter<Record<String, VersionedEvent>> nodes;
    private final Emitter<Record<String, VersionedEvent>> pods;
    private final Emitter<Record<String, VersionedEvent>> services;
    private final String source;
    private final Clock clock;

    @Inject
    public AddressingPublisher(@Channel("node-addressing") Emitter<Record<String, VersionedEvent>> nodes,
                               @Channel("pod-addressing") Emitter<Record<String, VersionedEvent>> pods,
                               @Channel("service-addressing") Emitter<Record<String, VersionedEvent>> services,
                               EventSourceConfig config) {
        this.nodes = nodes;
        this.pods = pods;
        this.services = services;
        this.source = config.cloudEventSource();
        this.clock = Clock.systemUTC();
    }

    public CompletionStage<Void> publish(NodeAddressing node) {
        return send(nodes, Topic.NODE_ADDRESSING, node.node(), node);
    }

    public CompletionStage<Void> nodeRemoved(String node) {
        return send(nodes, Topic.NODE_ADDRESSING, node, null);
    }

    public CompletionStage<Void> publish(PodAddressing pod) {
        return send(pods, Topic.POD_ADDRESSING, pod.key(), pod);
    }

    public CompletionStage<Void> podReleased(PodKey key) {
        return send(pods, Topic.POD_ADDRESSING, key.toString(), null);
    }

    public CompletionStage<Void> publish(ServiceAddressing service) {
        return send(services, Topic.SERVICE_ADDRESSING, service.key(), service);
    }

    public CompletionStage<Void> serviceRemoved(String namespace, String name) {
        return send(services, Topic.SERVICE_ADDRESSING, namespace + "/" + name, null);
    }

    private CompletionStage<Void> send(Emitter<Record<String, VersionedEvent>> emitter, Topic topic, String key, VersionedEvent value) {
        int version = value == null ? topic.supportedSchemaVersions().iterator().next() : value.schemaVersion();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(CloudEventHeaders.create(topic, version, source, key, clock.instant()))
                .build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<Record<String, VersionedEvent>> message = Message.of(Record.of(key, value))
                .addMetadata(metadata)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }
}
