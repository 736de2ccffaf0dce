package io.acicni.deploy.audit;

import io.acicni.events.model.AuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which audit events to show.
 *
 * @param subject     which subjects match (always true: every subject)
 * @param description the subject rule in words, for headings
 * @param service     the emitting service, the part of the actor before {@code /} (null: any)
 * @param since       start of the window (null: from the beginning of the topic)
 */
public record AuditFilter(Predicate<String> subject, String description, String service, Instant since) {

    public AuditFilter {
        subject = subject == null ? s -> true : subject;
        description = description == null ? "any subject" : description;
    }

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null);
    }

    /** {@code --subject}: the subject contains {@code text}, or equals it when {@code exact}. */
    public static AuditFilter subject(String text, boolean exact, String service, Instant since) {
        if (text == null || text.isEmpty()) {
            return new AuditFilter(null, null, service, since);
        }
        return new AuditFilter(exact ? s -> s.equals(text) : s -> s.contains(text),
                exact ? "subject " + text : "subject containing " + text, service, since);
    }

    /**
     * The history of one Kubernetes object: subject {@code <kind>/<ns>/<name>} exactly or at the end
     * of a longer subject (e.g. a refused {@code file/<node>/pod/<ns>/<name>}), or any subject that
     * contains its uid (its files).
     */
    public static AuditFilter object(String kind, String namespace, String name, String uid, Instant since) {
        String key = kind + "/" + namespace + "/" + name;
        List<String> contains = uid == null || uid.isEmpty() ? List.of() : List.of(uid);
        Predicate<String> p = s -> s.equals(key) || s.endsWith("/" + key) || contains.stream().anyMatch(s::contains);
        return new AuditFilter(p, key + (contains.isEmpty() ? "" : " or " + uid), null, since);
    }

    public boolean matches(AuditEvent event) {
        if (!subject.test(event.subject())) {
            return false;
        }
        if (service != null && !service.isEmpty() && !service.equals(serviceOf(event.actor()))) {
            return false;
        }
        return since == null || !event.time().isBefore(since);
    }

    /** {@code ipam-service} of {@code ipam-service/ipam-7d9f-x2}. */
    public static String serviceOf(String actor) {
        int slash = actor.indexOf('/');
        return slash < 0 ? actor : actor.substring(0, slash);
    }
}
