package io.acicni.deploy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.serde.EventSerde;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line per audit event: text ({@code time service action subject before -> after (why)}) or
 * the event's JSON (JSON lines, the record exactly as on the topic).
 */
public final class AuditFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final int MAX_STATE = 160;

    private AuditFormat() {
    }

    public static String text(AuditEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(TIME.format(e.time())).append("  ")
                .append(AuditFilter.serviceOf(e.actor())).append("  ")
                .append(e.action()).append("  ")
                .append(e.subject()).append("  ")
                .append(changes(e.before(), e.after()));
        if (e.reason() != null && !e.reason().isBlank()) {
            sb.append("  (").append(e.reason().strip()).append(')');
        }
        return sb.toString();
    }

    public static String json(AuditEvent e) {
        try {
            return EventSerde.get().mapper().writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@code before -> after}. When both are JSON objects (a file's content, say) only the top-level
     * keys whose values differ are shown, so a changed file reads as what changed.
     */
    static String changes(JsonNode before, JsonNode after) {
        if (before != null && after != null && before.isObject() && after.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode b = before.deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode a = after.deepCopy();
            java.util.List<String> same = new java.util.ArrayList<>();
            before.fieldNames().forEachRemaining(k -> {
                if (before.get(k).equals(after.get(k))) {
                    same.add(k);
                }
            });
            b.remove(same);
            a.remove(same);
            return state(b) + " -> " + state(a);
        }
        return state(before) + " -> " + state(after);
    }

    /** Compact JSON of a state, {@code -} when absent, cut at {@value #MAX_STATE} characters. */
    static String state(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "-";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        return text.length() > MAX_STATE ? text.substring(0, MAX_STATE - 1) + "..." : text;
    }
}
