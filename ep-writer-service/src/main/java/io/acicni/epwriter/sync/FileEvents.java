package io.acicni.epwriter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;
import io.acicni.events.model.AuditEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    public FileEvents(Consumer<AuditEvent> audit, MeterRegistry registry, String actor, Clock clock) {
        this.audit = audit;
        this.registry = registry;
        this.actor = actor;
        this.clock = clock;
    }

    @Override
    public void changed(String node, FileChange change) {
        registry.counter("acicni.epwriter.writes", "kind", change.kind().tag(), "action", change.action().name().toLowerCase()).increment();
        LOG.debugf("%s %s/%s", change.action(), node, change.name());
        audit.accept(new AuditEvent("file/" + node + "/" + change.name(), actor, change.action().auditAction(),
                tree(change.before()), tree(change.after()), reason(change), clock.instant()));
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

    private static JsonNode tree(byte[] content) {
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
