package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;
import io.acicni.events.model.AuditEvent;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code acicni.epwriter.errors} on the registry /q/metrics is scraped from: Prometheus keeps only
 * one set of tag keys per name, so every error must be registered with the same keys or it is lost.
 */
class FileEventsMetricsTest {

    @Test
    void everyErrorReasonReachesPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<AuditEvent> audit = new ArrayList<>();
        FileEvents events = new FileEvents(audit::add, registry, "it", Clock.systemUTC());

        events.refused("node-1", new Refusal("pod/default/web_1", "podName", "web_1", "unsafe name"));
        events.refused("node-1", new Refusal("service/default/a_b", "serviceName", "a_b", "unsafe name"));
        events.failed("node-1", FileKind.ENDPOINT, "x.ep", new IOException("disk full"));
        events.failed("node-1", FileKind.SERVICE, "y.service", new IOException("disk full"));
        FileEvents.countError(registry, "record", FileEvents.NO_KIND);

        List<String> scraped = registry.scrape().lines().filter(l -> l.startsWith("acicni_epwriter_errors_total{")).toList();
        assertThat(scraped).hasSize(5);
        for (String series : List.of("kind=\"ep\",reason=\"unsafe-name\"", "kind=\"service\",reason=\"unsafe-name\"",
                "kind=\"ep\",reason=\"io\"", "kind=\"service\",reason=\"io\"", "kind=\"none\",reason=\"record\"")) {
            assertThat(scraped).as(series).anyMatch(l -> l.contains("{" + series) && l.endsWith(" 1.0"));
        }
        assertThat(registry.find(FileEvents.ERRORS).counters()).hasSize(5)
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey())
                        .containsExactlyInAnyOrder("reason", "kind"));
        assertThat(audit).extracting(AuditEvent::action).containsExactly("file.refused", "file.refused");
    }
}
