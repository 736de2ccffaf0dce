package io.acicni.deploy.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.deploy.audit.AuditFilter;
import io.acicni.deploy.audit.AuditFormat;
import io.acicni.deploy.audit.AuditRecord;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.deploy.target.NodeAccess;
import io.fabric8.kubernetes.api.model.Event;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Sections a pod and a service diagnosis share: node checks, audit history, Kubernetes Warning events. */
final class CommonSections {
    /** How many audit lines a diagnosis shows (the most recent). */
    static final int AUDIT_LINES = 15;

    /** Warning reasons that are about addressing (ipam's, the kubelet's CNI failure, cluster IPs). */
    static final Set<String> NETWORK_WARNINGS = Set.of("AddressConflict", "InvalidIngressIP", "InvalidPodIP",
            "InvalidPodNetworkRanges", "InvalidServiceEndpoint", "PodAddressesExhausted", "PodAddressesRefused",
            "ServiceEndpointExhausted", "FailedCreatePodSandBox", "ClusterIPNotAllocated", "NetworkNotReady");

    private CommonSections() {
    }

    /** The node checks of a node's ep-writer ({@code GET /diagnostics}): routes, IPv6 forwarding, directories. */
    static void nodeChecks(Diagnosis d, DiagnoseContext ctx, String node) {
        Optional<String> url = Optional.ofNullable(ctx.nodes().get(node)).flatMap(NodeAccess::epWriter);
        if (url.isEmpty()) {
            d.section("Node checks (" + node + ")").add(Finding.unknown("ep-writer of node " + node + " unknown",
                    "give --ep-writer-url " + node + "=http://... (e.g. kubectl port-forward to the ep-writer pod on " + node
                            + ") or on the node run: ip route show default; ip -6 route show default; sysctl net.ipv6.conf.all.forwarding"));
            return;
        }
        Section s = d.section("Node checks (" + node + ", ep-writer " + url.get() + ")");
        JsonHttp.Answer answer = ctx.http().get(url.get(), "/diagnostics");
        if (!answer.ok()) {
            s.add(Finding.unknown("GET /diagnostics failed: " + answer.problem(),
                    "check that the ep-writer on " + node + " is running: kubectl get pods -A -o wide | grep ep-writer"));
            return;
        }
        JsonNode json = answer.json();
        if (!json.path("writing").asBoolean(true)) {
            s.add(Finding.problem("ep-writer on " + node + " has not caught up with the state topics (lag " + json.path("lag") + "): it writes no file yet",
                    "wait for it or check Kafka: its lag in GET " + url.get() + "/diagnostics should fall to 0"));
        }
        for (JsonNode check : json.path("checks")) {
            String name = check.path("name").asText();
            int dot = name.indexOf('.');
            if (dot > 0 && name.endsWith("-writable") && !name.substring(0, dot).equals(node)) {
                continue; // another simulated node's directory
            }
            String line = name + ": " + check.path("detail").asText();
            if (check.path("ok").asBoolean()) {
                s.add(Finding.ok(line));
            } else {
                s.add(Finding.problem("node " + node + " " + line, nodeCheckHint(name, node)));
            }
        }
        JsonNode lacking = json.path("counts").path(node + ".pods-lacking-a-family");
        if (lacking.isNumber()) {
            s.add(Finding.info(node + " has " + json.path("counts").path(node + ".pods").asText("?") + " pods, "
                    + lacking.asLong() + " lacking a family; " + json.path("counts").path(node + ".endpoint-files").asText("?")
                    + " .ep and " + json.path("counts").path(node + ".service-files").asText("?") + " .service files"));
        }
        JsonNode last = json.path("lastSync").path(node);
        for (JsonNode p : last.path("problems")) {
            s.add(Finding.info("last sync of " + node + ": " + p.asText()));
        }
        for (JsonNode e : last.path("errors")) {
            s.add(Finding.problem("last sync of " + node + " failed: " + e.asText(),
                    "fix what the error names, then watch: aci-dualstack audit --subject file/" + node + "/ -f"));
        }
    }

    static String nodeCheckHint(String check, String node) {
        if (check.contains("forwarding")) {
            return "on node " + node + ": sysctl -w net.ipv6.conf.all.forwarding=1 (and persist it in /etc/sysctl.d)";
        }
        if (check.contains("route") || check.contains("interface")) {
            return "on node " + node + ": ip route show default; ip -6 route show default - both families need a default route via the same uplink";
        }
        if (check.contains("writable")) {
            return "on node " + node + ": check the opflex directories exist and the ep-writer's hostPath mounts are writable";
        }
        return "on node " + node + ": see GET /diagnostics of its ep-writer";
    }

    /** The audit events of the subjects since a time, the last {@link #AUDIT_LINES}; refusals and conflicts are problems. */
    static void audit(Diagnosis d, DiagnoseContext ctx, AuditFilter filter, String subject) {
        Section s = d.section("Audit (acicni.audit: " + filter.description()
                + (filter.since() == null ? ", whole topic)" : ", since " + filter.since() + ")"));
        Optional<String> why = ctx.audit().unavailable();
        if (why.isPresent()) {
            s.add(Finding.unknown(why.get(), null));
            return;
        }
        List<AuditRecord> records;
        try {
            records = ctx.audit().read(filter);
        } catch (RuntimeException e) {
            s.add(Finding.unknown("cannot read acicni.audit: " + e.getMessage(), "check the Kafka bootstrap servers and that the topic exists"));
            return;
        }
        if (records.isEmpty()) {
            s.add(Finding.info("no audit events"));
            return;
        }
        if (records.size() > AUDIT_LINES) {
            s.add(Finding.info((records.size() - AUDIT_LINES) + " earlier events left out (aci-dualstack audit --subject " + subject + " shows all)"));
        }
        for (AuditRecord r : records.subList(Math.max(0, records.size() - AUDIT_LINES), records.size())) {
            String action = r.event().action();
            String line = AuditFormat.text(r.event());
            if (action.endsWith(".refused") || action.endsWith(".conflict")) {
                s.add(Finding.problem(line, "read the reason in the audit line; aci-dualstack audit --subject " + r.event().subject()));
            } else {
                s.add(Finding.info(line));
            }
        }
    }

    /** Warning Events on the object; those about addressing are problems, the rest context. */
    static void events(Diagnosis d, DiagnoseContext ctx, String kind, String namespace, String name, String uid) {
        Section s = d.section("Kubernetes events (Warning) on " + kind + " " + namespace + "/" + name);
        List<Event> events;
        try {
            events = ctx.kube().v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                            && kind.equals(e.getInvolvedObject().getKind())
                            && (e.getInvolvedObject().getUid() == null || uid == null || uid.equals(e.getInvolvedObject().getUid())))
                    .filter(e -> "Warning".equals(e.getType()))
                    .sorted(Comparator.comparing(CommonSections::eventTime))
                    .toList();
        } catch (RuntimeException e) {
            s.add(Finding.unknown("cannot list events: " + e.getMessage(), null));
            return;
        }
        if (events.isEmpty()) {
            s.add(Finding.info("none"));
            return;
        }
        for (Event e : events) {
            String source = e.getReportingComponent() != null ? e.getReportingComponent()
                    : e.getSource() == null ? null : e.getSource().getComponent();
            String line = e.getReason() + ": " + e.getMessage() + (e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "")
                    + (source == null || source.isEmpty() ? "" : " [" + source + "]");
            if (NETWORK_WARNINGS.contains(e.getReason())) {
                s.add(Finding.problem(line, "kubectl describe " + kind.toLowerCase() + " -n " + namespace + " " + name
                        + "; aci-dualstack audit --subject " + kind.toLowerCase() + "/" + namespace + "/" + name));
            } else {
                s.add(Finding.info(line));
            }
        }
    }

    private static String eventTime(Event e) {
        String t = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getEventTime() != null ? e.getEventTime().getTime() : null;
        return t == null ? "" : t;
    }
}
