package io.acicni.localrun.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.localrun.cli.LocalRun;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aci-dualstack bench pipeline} end to end with tiny parameters (3 nodes, 30 live pods, 20
 * operations/s for 5 s): it completes without errors and its JSON carries every field. Numbers are
 * not asserted: they are the benchmark's to measure, not a test's.
 */
class BenchPipelineIT {
    static final Path HOME = Path.of(System.getProperty("aci-dualstack.home", "..")).toAbsolutePath().normalize();

    @Test
    void tinyPipelineRunCompletesWithoutErrors() throws Exception {
        LocalRun.quietLogging();
        Path json = Path.of("target/bench-it/pipeline.json").toAbsolutePath();
        Path png = Path.of("target/bench-it/pipeline.png").toAbsolutePath();
        Files.deleteIfExists(json);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalRun.execute(new PrintWriter(out), new PrintWriter(err), "bench", "pipeline",
                "--home", HOME.toString(), "--var", "target/bench-it/var",
                "--jvm-options", "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1",
                "--nodes", "3", "--nodes-per-ep-writer", "3", "--pods", "30", "--rate", "20", "--duration", "5",
                "--floor-duration", "2", "--settle", "1", "--json", json.toString(), "--png", png.toString());
        System.out.println(out);
        System.out.println(err);
        assertThat(code).as("exit code; stderr:\n" + err).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.path("machine").path("cores").asInt()).isPositive();
        assertThat(r.path("parameters").path("nodes").asInt()).isEqualTo(3);
        assertThat(r.path("floor")).hasSize(2);
        assertThat(r.path("fill").path("create").path("count").asLong()).isEqualTo(30);
        JsonNode step = r.path("steps").get(0);
        assertThat(step.path("operations").asLong()).isEqualTo(100);
        for (String op : new String[]{"create", "delete", "all"}) {
            assertThat(step.path(op).path("errors").asLong()).as(op + " errors").isZero();
            for (String f : new String[]{"p50Ms", "p99Ms", "p999Ms", "maxMs"}) {
                assertThat(step.path(op).has(f)).as(op + "." + f).isTrue();
            }
        }
        assertThat(step.path("create").path("count").asLong()).isEqualTo(50);
        assertThat(step.path("delete").path("count").asLong()).isEqualTo(50);
        assertThat(step.path("achievedRate").asDouble()).isPositive();
        assertThat(step.path("cpu")).isNotEmpty();
        assertThat(r.path("processes")).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode p : r.path("processes")) {
            assertThat(p.path("peakRssMb").asDouble()).as(p.path("name").asText()).isPositive();
        }
        JsonNode last = r.path("finalState");
        assertThat(last.path("livePods").asInt()).as("fill of 30, then as many creates as deletes").isEqualTo(30);
        assertThat(last.path("files").asInt()).isEqualTo(30);
        assertThat(last.path("missing").asInt() + last.path("stale").asInt() + last.path("misplaced").asInt()).isZero();
        assertThat(last.path("secondsToAgree").isNumber()).isTrue();
        assertThat(png).exists();
        assertThat(out.toString()).contains("p99", "floor", "footprint");
    }
}
