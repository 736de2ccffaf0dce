package io.acicni.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.acicni.deploy.AuditEvents;
import io.acicni.deploy.local.LocalSuiteState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aci-dualstack audit} against the embedded broker; every test filters on this class's own subjects. */
class AuditCommandTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String POD = "pod/audit-" + RUN + "/web-1";
    private static final String POD10 = "pod/audit-" + RUN + "/web-10";
    private static final String NODE = "node/audit-" + RUN + "-worker-1";
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(30));

    @BeforeAll
    static void produce() {
        var f = JsonNodeFactory.instance;
        // an old one: record and event time two hours back
        AuditEvents.send(AuditEvents.event(POD, "ipam-service/ipam-0", "pod.released", f.arrayNode().add("10.2.0.99"), null,
                "pod deleted", Instant.now().minus(Duration.ofHours(2))), Instant.now().minus(Duration.ofHours(2)));
        AuditEvents.send(AuditEvents.event(NODE, "ipam-service/ipam-0", "chunk.assigned", null,
                f.textNode("10.2.0.2-10.2.0.33"), "node joined", T0), null);
        AuditEvents.send(AuditEvents.event(POD, "ipam-service/ipam-0", "pod.allocated", null,
                f.arrayNode().add("10.2.0.5").add("1:2:1:1::5"), "pod scheduled to worker-1", T0.plusSeconds(1)), null);
        AuditEvents.sendGarbage(POD);
        AuditEvents.send(AuditEvents.event("file/audit-" + RUN + "-worker-1/uid_c_veth.ep", "ep-writer-service/worker-1", "file.created",
                null, f.objectNode().put("uuid", "uid_c_veth"), "pod " + POD + " has addresses", T0.plusSeconds(2)), null);
        AuditEvents.send(AuditEvents.event(POD10, "ipam-service/ipam-0", "pod.allocated", null, f.arrayNode().add("10.2.0.6"),
                null, T0.plusSeconds(3)), null);
    }

    private static CliRun audit(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "audit";
        all[1] = "--kafka-bootstrap";
        all[2] = AuditEvents.bootstrap();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    @Test
    void subjectSubstringShowsEveryMatchInTimeOrderOneLineEach() {
        CliRun run = audit("--subject", "audit-" + RUN);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).endsWith("ipam-service  pod.released  " + POD + "  [\"10.2.0.99\"] -> -  (pod deleted)");
        assertThat(lines.get(1)).contains("ipam-service  chunk.assigned  " + NODE + "  - -> 10.2.0.2-10.2.0.33  (node joined)");
        assertThat(lines.get(2)).startsWith(T0.plusSeconds(1).toString().substring(0, 19))
                .contains("pod.allocated  " + POD + "  - -> [\"10.2.0.5\",\"1:2:1:1::5\"]  (pod scheduled to worker-1)");
        assertThat(lines.get(3)).contains("ep-writer-service  file.created");
        assertThat(lines.get(4)).contains("pod.allocated  " + POD10).doesNotContain("(");
        assertThat(run.err()).contains("WARN: ").contains("not valid audit events");
    }

    @Test
    void exactSubjectLeavesOutLongerNames() {
        CliRun run = audit("--subject", POD, "--exact");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2).allMatch(l -> l.contains("  " + POD + "  "));
    }

    @Test
    void serviceFilterKeepsOnlyThatServicesEvents() {
        CliRun run = audit("--subject", "audit-" + RUN, "--service", "ep-writer-service");
        assertThat(run.out().lines()).singleElement().asString().contains("file.created");
    }

    @Test
    void sinceSkipsOlderEventsByDurationAndByTimestamp() {
        CliRun byDuration = audit("--subject", POD, "--exact", "--since", "1h");
        assertThat(byDuration.out().lines()).singleElement().asString().contains("pod.allocated");
        CliRun byTime = audit("--subject", "audit-" + RUN, "--since", T0.plusSeconds(2).toString());
        assertThat(byTime.out().lines()).hasSize(2);
        CliRun bad = audit("--since", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.errLines()).singleElement().asString().contains("--since yesterday is neither a duration");
    }

    @Test
    void jsonLinesAreTheEventsAsOnTheTopic() throws Exception {
        CliRun run = audit("--subject", POD, "--exact", "-o", "json");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        assertThat(last.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(last.get("subject").asText()).isEqualTo(POD);
        assertThat(last.get("actor").asText()).isEqualTo("ipam-service/ipam-0");
        assertThat(last.get("action").asText()).isEqualTo("pod.allocated");
        assertThat(last.get("after").toString()).isEqualTo("[\"10.2.0.5\",\"1:2:1:1::5\"]");
        assertThat(Instant.parse(last.get("time").asText())).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void limitKeepsTheLastEvents() {
        CliRun run = audit("--subject", "audit-" + RUN, "--limit", "2");
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(1)).contains(POD10);
    }

    @Test
    void withoutKafkaItSaysHowToConfigureIt(@TempDir Path dir) {
        Path kubeconfig = io.acicni.testkit.kube.KubeconfigFile.write(dir.resolve("kubeconfig"), "http://127.0.0.1:1");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("ACICNI_KAFKA_BOOTSTRAP_SERVERS") == null);
        CliRun run = CliRun.of("audit", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("ERR:  Kafka not configured: give --kafka-bootstrap or set ACICNI_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void aLocalRunSuppliesTheBroker(@TempDir Path dir) {
        Path var = dir.resolve("var");
        new LocalSuiteState(1, ProcessHandle.current().pid(), dir.resolve("kubeconfig").toString(), AuditEvents.bootstrap(),
                null, Map.of(), Map.of()).write(LocalSuiteState.fileIn(var));
        io.acicni.testkit.kube.KubeconfigFile.write(dir.resolve("kubeconfig"), "http://127.0.0.1:1");
        CliRun run = CliRun.of("audit", "--local", var.toString(), "--subject", NODE, "--exact");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).singleElement().asString().contains("chunk.assigned");
    }
}
