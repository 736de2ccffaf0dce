package io.acicni.deploy.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.acicni.deploy.AuditEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReaderTest {

    private static Properties kafka() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", AuditEvents.bootstrap());
        return p;
    }

    @Test
    void followDeliversEventsProducedAfterTheEndWasReached() throws Exception {
        String subject = "pod/follow-" + UUID.randomUUID() + "/web-1";
        AuditFilter filter = AuditFilter.subject(subject, true, null, null);
        List<AuditRecord> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (AuditReader reader = new AuditReader(kafka(), Duration.ofSeconds(30))) {
            assertThat(reader.readToEnd(filter)).isEmpty();
            Thread follower = new Thread(() -> reader.follow(filter, seen::add, stop::get));
            follower.start();
            AuditEvents.send(AuditEvents.event(subject, "ipam-service/ipam-0", "pod.allocated", null,
                    JsonNodeFactory.instance.arrayNode().add("10.2.0.5"), "test", Instant.now()), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stop.set(true);
            follower.join(5000);
            assertThat(follower.isAlive()).isFalse();
        }
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.event().action()).isEqualTo("pod.allocated"));
    }

    @Test
    void wakeupStopsAFollowFromAnotherThread() throws Exception {
        try (AuditReader reader = new AuditReader(kafka(), Duration.ofSeconds(30))) {
            reader.readToEnd(AuditFilter.subject("nothing-" + UUID.randomUUID(), true, null, Instant.now()));
            Thread follower = new Thread(() -> reader.follow(AuditFilter.all(), r -> { }, () -> false));
            follower.start();
            Thread.sleep(300);
            reader.wakeup();
            follower.join(5000);
            assertThat(follower.isAlive()).isFalse();
        }
    }
}
