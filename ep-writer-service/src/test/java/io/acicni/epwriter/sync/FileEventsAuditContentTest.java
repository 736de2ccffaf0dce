package io.acicni.epwriter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.FsyncPolicy;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.messaging.KafkaOutbox;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.state.PassScope;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.serde.EventSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit events of file changes, as the outbox sends them, are byte for byte those built the
 * original way (before and after parsed into trees), for every kind of change and pass: created,
 * changed and removed in full passes (content read from disk, also when it is not JSON) and in
 * incremental ones (content from memory, written without a tree), {@code .ep} and {@code .service}.
 */
class FileEventsAuditContentTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00.123456Z");

    @TempDir
    Path tmp;

    @Test
    void auditRecordsEqualThoseBuiltFromParsedTrees() throws IOException {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaOutbox outbox = new KafkaOutbox(producer, "/acicni/ep-writer-service/test");
        List<AuditEvent> sent = new ArrayList<>();
        FileEvents events = new FileEvents(e -> {
            sent.add(e);
            outbox.audit(e);
        }, new SimpleMeterRegistry(), "ep-writer-service/test", Clock.fixed(NOW, ZoneOffset.UTC));
        List<FileChange> changes = new ArrayList<>();
        SyncListener recording = new SyncListener() {
            @Override
            public void changed(String node, FileChange change) {
                changes.add(change);
                events.changed(node, change);
            }

            @Override
            public void unchanged(String node, FileKind kind, int count) {
                events.unchanged(node, kind, count);
            }

            @Override
            public void refused(String node, Refusal refusal) {
                events.refused(node, refusal);
            }

            @Override
            public void failed(String node, FileKind kind, String name, Exception error) {
                events.failed(node, kind, name, error);
            }

            @Override
            public void counted(String node, FileKind kind, int files) {
                events.counted(node, kind, files);
            }
        };
        AddressingState state = new AddressingState(List.of("n1"));
        NodeDirs dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
        NodeFileSync sync = new NodeFileSync(dirs, state, SETTINGS, true, DirectoryReconciler.of(FsyncPolicy.NONE), recording, Clock.systemUTC());

        PodAddressing odd = new PodAddressing("u1", "default", "web-1", "n1", List.of(v4("10.2.0.5"), v6("2001:fb8:42::5")), null, null, null,
                Map.of("app", "<web>&\"x\"", "note", "tab\there\u2028é😀"));
        state.putPod(odd);
        state.putPod(pod("u2", "n1", "web-2", v4("10.2.0.6")));
        state.putService("default/s", service("s-uid", "s", "LoadBalancer", ips("10.96.0.1", "fd00:96::1"), ips("192.0.2.1"),
                List.of(endpoint("10.2.0.5", "n1", "u1"))));
        sync.sync(); // full: created, before read from disk (none)
        state.putPod(new PodAddressing("u1", "default", "web-1", "n1", odd.addresses(), null, null, null, Map.of("app", "changed")));
        sync.sync(PassScope.pod("u1")); // incremental: changed, before from memory
        state.removePod("n1", "u2");
        sync.sync(PassScope.pod("u2")); // incremental: removed, before from memory
        state.putService("default/s", null);
        sync.sync(PassScope.of(java.util.Set.of("u1"), java.util.Set.of("s-uid"))); // incremental: service removed, pod changed
        try (var files = Files.list(dirs.endpointDir())) {
            Path any = files.findFirst().orElseThrow();
            Files.writeString(any, "not json {"); // damaged behind our back: the full pass's before is text
        }
        Files.writeString(dirs.endpointDir().resolve("stray-uid_c0ffee_veth1.ep"), "{\"a\": -0, \"a\": 1}"); // GC'd: before from disk
        sync.sync(); // full: changed and removed, before read from disk

        assertThat(changes).hasSizeGreaterThanOrEqualTo(7);
        assertThat(changes).extracting(FileChange::action).contains(FileChange.Action.CREATED, FileChange.Action.CHANGED, FileChange.Action.REMOVED);
        assertThat(changes).extracting(FileChange::beforeReadFromDisk).contains(true, false);
        assertThat(producer.history()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            FileChange change = changes.get(i);
            AuditEvent event = sent.get(i);
            AuditEvent original = new AuditEvent(event.subject(), event.actor(), event.action(), parsed(change.before()), parsed(change.after()),
                    event.reason(), event.time());
            ProducerRecord<byte[], byte[]> record = producer.history().get(i);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(change.action() + " " + change.name())
                    .isEqualTo(new String(EventSerde.get().serialize(original), StandardCharsets.UTF_8));
        }
    }

    /** The original way: parse the bytes (text when they are not JSON). */
    static JsonNode parsed(byte[] content) {
        if (content == null) {
            return null;
        }
        try {
            return EventSerde.get().mapper().readTree(content);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(new String(content, StandardCharsets.UTF_8));
        }
    }
}
