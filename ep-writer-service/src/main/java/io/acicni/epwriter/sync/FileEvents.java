package io.acicni.epwriter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.acicni.epwriter.files.CompactJson;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;
import io.acicni.events.model.AuditEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Turns what sync passes do into audit events (one per file created, changed, removed or refused),
 * Micrometer metrics and log lines.
 */
public final class FileEvents implements SyncListener {
    private static final Logger LOG = Logger.getLogger(FileEvents.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Consumer<AuditEvent> audit;
    private final MeterRegistry registry;
    private final String actor;
    private final Clock clock;
    private final Map<String, AtomicInteger> fileCounts = new ConcurrentHashMap<>();
    /** {@code acicni.epwriter.writes} by kind × action, registered on first use. */
    private final AtomicReferenceArray<Counter> writes = new AtomicReferenceArray<>(FileKind.values().length * FileChange.Action.values().length);

    public FileEvents(Consumer<AuditEvent> audit, MeterRegistry registry, String actor, Clock clock) {
        this.audit = audit;
        this.registry = registry;
        this.actor = actor;
        this.clock = clock;
    }

    @Override
    public void changed(String node, FileChange change) {
        writes(change.kind(), change.action()).increment();
        LOG.debugf("%s %s/%s", change.action(), node, change.name());
        audit.accept(new AuditEvent("file/" + node + "/" + change.name(), actor, change.action().auditAction(),
                json(change.before(), change.beforeReadFromDisk()), json(change.after(), false), reason(change), clock.instant()));
    }

    /** {@code acicni.epwriter.writes{kind,action}}, looked up once per pair instead of on every change. */
    private Counter writes(FileKind kind, FileChange.Action action) {
        int slot = kind.ordinal() * FileChange.Action.values().length + action.ordinal();
        Counter counter = writes.get(slot);
        if (counter == null) {
            counter = registry.counter("acicni.epwriter.writes", "kind", kind.tag(), "action", action.name().toLowerCase());
            writes.set(slot, counter); // two threads may both look it up: the registry returns the same counter
        }
        return counter;
    }

    @Override
    public void unchanged(String node, FileKind kind, int count) {
        if (count > 0) {
            registry.counter("acicni.epwriter.writes.skipped.unchanged", "kind", kind.tag()).increment(count);
        }
    }

    /** {@code acicni.epwriter.errors}: one name, always the tag keys {@code reason} and {@code kind}. */
    public static final String ERRORS = "acicni.epwriter.errors";
    /** {@code kind} of an error that concerns no file kind (a rejected record). */
    public static final String NO_KIND = "none";

    /**
     * Counts an error. Prometheus needs one set of tag keys per metric name (a registration with
     * other keys is dropped), so every caller goes through here.
     */
    public static void countError(MeterRegistry registry, String reason, String kind) {
        registry.counter(ERRORS, "reason", reason, "kind", kind).increment();
    }

    @Override
    public void refused(String node, Refusal refusal) {
        countError(registry, "unsafe-name", refusal.subject().startsWith("service/") ? FileKind.SERVICE.tag() : FileKind.ENDPOINT.tag());
        LOG.warnf("Refused to write a file for %s on node %s: %s", refusal.subject(), node, refusal.message());
        audit.accept(new AuditEvent("file/" + node + "/" + refusal.subject(), actor, "file.refused", null,
                JsonNodeFactory.instance.objectNode().put("field", refusal.field()).put("value", String.valueOf(refusal.value())),
                refusal.message(), clock.instant()));
    }

    @Override
    public void failed(String node, FileKind kind, String name, Exception error) {
        countError(registry, "io", kind.tag());
        LOG.errorf("Cannot write or delete %s file %s of node %s: %s", kind.tag(), name, node, error.getMessage());
    }

    @Override
    public void counted(String node, FileKind kind, int files) {
        fileCounts.computeIfAbsent(node + "/" + kind.tag(), k -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("acicni.epwriter.files", value, AtomicInteger::get)
                    .description("files in the node's directory, by kind").tag("node", node).tag("kind", kind.tag()).register(registry);
            return value;
        }).set(files);
    }

    private static String reason(FileChange change) {
        return switch (change.action()) {
            case CREATED -> "desired by the node's addressing and no file on disk";
            case CHANGED -> "content on disk differs from the node's addressing";
            case REMOVED -> "no longer desired by the node's addressing";
        };
    }

    /**
     * A file's content for the audit event: content this process printed becomes a raw JSON node
     * holding its {@link CompactJson} form (serialised as is: the bytes Jackson writes for the parsed
     * tree, without parsing); content read from the disk is parsed (text when it is not JSON). The
     * raw node is for serialising (the outbox); it has no fields to read.
     */
    static JsonNode json(byte[] content, boolean readFromDisk) {
        if (content == null) {
            return null;
        }
        if (!readFromDisk) {
            byte[] compact = CompactJson.of(content);
            if (compact != null) {
                return JsonNodeFactory.instance.rawValueNode(new RawValue(new String(compact, StandardCharsets.UTF_8)));
            }
        }
        return tree(content);
    }

    static JsonNode tree(byte[] content) {
        if (content == null) {
            return null;
        }
        try {
            return MAPPER.readTree(content);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(new String(content, StandardCharsets.UTF_8));
        }
    }
}
