package io.acicni.ipam.config;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.acicni.testkit.quarkus.KindRegistrations;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up settings of application.properties (docs/operations.md "Start-up and memory"): the
 * Kubernetes kinds ipam reads and writes stay registered with the client's serialization when the
 * registrations of unused API groups are dropped.
 */
class StartupFootprintSettingsTest {

    /** Every kind ipam informs on, edits or creates (kubernetes.ClusterWatch, KubernetesWriter, leader election). */
    private static final List<Class<? extends HasMetadata>> KINDS_USED = List.of(
            Node.class, Namespace.class, Pod.class, Service.class, EndpointSlice.class, Event.class, Lease.class);

    @Test
    void theKindsThisServiceUsesKeepTheirRegistration() {
        KindRegistrations.assertUsedKindsStayRegistered(KindRegistrations.applicationProperties(), KINDS_USED);
    }

    @Test
    void noReactiveMessagingRuntime() {
        // ipam's Kafka clients are plain ones (StateOutbox, CompactedTopicReader); quarkus-kafka-client, not
        // quarkus-messaging-kafka, so the SmallRye messaging runtime is not started for nothing
        assertThat(getClass().getClassLoader().getResource("io/smallrye/reactive/messaging/kafka/KafkaConnector.class")).isNull();
    }
}
