package io.acicni.apicsync.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.acicni.testkit.quarkus.KindRegistrations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up settings of application.properties (docs/operations.md "Start-up and memory"): Kafka
 * clients nobody may need are created on first use, and the Kubernetes kinds this service reads stay
 * registered with the client's serialization.
 */
class StartupFootprintSettingsTest {

    /** Every kind apic-sync asks the Kubernetes API for (leader election). */
    private static final List<Class<? extends HasMetadata>> KINDS_USED = List.of(Lease.class);

    @Test
    void deadLetterAndAuditProducersAreCreatedOnFirstUse() {
        Properties p = KindRegistrations.applicationProperties();
        for (String channel : List.of("node-addressing-in", "service-addressing-in")) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            // rejected records are dead-lettered by DeadLetters, whose failure never fails the channel
            assertThat(p.getProperty(prefix + "failure-strategy")).isEqualTo("ignore");
            assertThat(p.getProperty(prefix + "interceptor.classes")).as(channel)
                    .isEqualTo(io.acicni.apicsync.messaging.HandedOutOffsets.class.getName());
        }
        assertThat(p.getProperty("mp.messaging.outgoing.dlq-out.lazy-client")).isEqualTo("true");
        // a dead letter is the whole rejected record: as large as the largest record a topic takes
        assertThat(p.getProperty("mp.messaging.outgoing.dlq-out.max.request.size"))
                .isEqualTo(Integer.toString(io.acicni.events.topic.Topic.largestMessageBytes()));
        assertThat(p.getProperty("mp.messaging.outgoing.audit-out.lazy-client")).isEqualTo("true");
    }

    @Test
    void theKindsThisServiceReadsKeepTheirRegistration() {
        KindRegistrations.assertUsedKindsStayRegistered(KindRegistrations.applicationProperties(), KINDS_USED);
    }
}
