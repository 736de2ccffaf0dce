package io.acicni.deploy.audit;

import io.acicni.events.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditFilterTest {
    private static AuditEvent event(String subject, String actor) {
        return new AuditEvent(subject, actor, "x.y", null, null, null, Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void anObjectsHistoryIsItsSubjectItsRefusedFilesAndItsUidNotItsNamesakes() {
        AuditFilter f = AuditFilter.object("pod", "default", "web-1", "uid-9", null);
        assertThat(f.matches(event("pod/default/web-1", "ipam-service/a"))).isTrue();
        assertThat(f.matches(event("file/worker-1/pod/default/web-1", "ep-writer-service/w1"))).isTrue();
        assertThat(f.matches(event("file/worker-1/uid-9_c_veth.ep", "ep-writer-service/w1"))).isTrue();
        assertThat(f.matches(event("pod/default/web-10", "ipam-service/a"))).isFalse();
    }

    @Test
    void serviceIsThePartOfTheActorBeforeTheSlash() {
        AuditFilter f = AuditFilter.subject(null, false, "apic-sync-service", null);
        assertThat(f.matches(event("apic/uni/tn-kube", "apic-sync-service/apic-sync-0"))).isTrue();
        assertThat(f.matches(event("apic/uni/tn-kube", "ipam-service/apic-sync-service"))).isFalse();
    }

    @Test
    void textLineShowsStatesCompactlyAndCutsLongOnes() {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        AuditEvent e = new AuditEvent("node/w1", "ipam-service/i", "chunk.assigned", null, f.textNode("x".repeat(300)), "why",
                Instant.parse("2025-01-01T00:00:00.5Z"));
        String line = AuditFormat.text(e);
        assertThat(line).startsWith("2025-01-01T00:00:00.500Z  ipam-service  chunk.assigned  node/w1  - -> xxx").endsWith("...  (why)");
        assertThat(line.length()).isLessThan(260);
    }

    @Test
    void aChangedObjectShowsOnlyTheKeysThatChanged() throws Exception {
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        AuditEvent e = new AuditEvent("file/n1/u_c_v.ep", "ep-writer-service/n1", "file.changed",
                m.readTree("{\"uuid\":\"u_c_v\",\"ip\":[\"10.2.0.5\"],\"mac\":\"0a:58:0a:02:00:05\"}"),
                m.readTree("{\"uuid\":\"u_c_v\",\"ip\":[\"10.2.0.5\",\"fd00::5\"],\"mac\":\"0a:58:0a:02:00:05\",\"service-ip\":[\"10.96.0.1\"]}"),
                "content on disk differs", Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(AuditFormat.text(e)).endsWith("file.changed  file/n1/u_c_v.ep  {\"ip\":[\"10.2.0.5\"]} -> "
                + "{\"ip\":[\"10.2.0.5\",\"fd00::5\"],\"service-ip\":[\"10.96.0.1\"]}  (content on disk differs)");
    }
}
