package io.acicni.ipam.config;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up settings of application.properties (docs/operations.md "Start-up and memory"): the
 * Kubernetes kinds ipam reads and writes stay registered with the client's serialization when the
 * registrations of unused API groups are dropped.
 */
class StartupFootprintSettingsTest {
    private static final String REMOVED = "quarkus.class-loading.removed-resources.\"io.fabric8:";
    private static final Pattern MODEL_JAR = Pattern.compile("(kubernetes-model-[a-z]+)-\\d[^/]*\\.jar$");

    /** Every kind ipam informs on, edits or creates (kubernetes.ClusterWatch, KubernetesWriter, leader election). */
    private static final List<Class<? extends HasMetadata>> KINDS_USED = List.of(
            Node.class, Namespace.class, Pod.class, Service.class, EndpointSlice.class, Event.class, Lease.class);

    @Test
    void theKindsThisServiceUsesKeepTheirRegistration() throws IOException {
        Set<String> dropped = droppedModelArtifacts(properties());
        assertThat(dropped).isNotEmpty().doesNotContain("kubernetes-model-core");
        for (Class<? extends HasMetadata> kind : KINDS_USED) {
            assertThat(dropped).as(kind.getName()).doesNotContain(modelArtifactOf(kind));
        }
    }

    @Test
    void noReactiveMessagingRuntime() {
        // ipam's Kafka clients are plain ones (StateOutbox, CompactedTopicReader); quarkus-kafka-client, not
        // quarkus-messaging-kafka, so the SmallRye messaging runtime is not started for nothing
        assertThat(getClass().getClassLoader().getResource("io/smallrye/reactive/messaging/kafka/KafkaConnector.class")).isNull();
    }

    private static Set<String> droppedModelArtifacts(Properties p) {
        Set<String> dropped = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(REMOVED)) {
                assertThat(p.getProperty(key)).isEqualTo("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource");
                dropped.add(key.substring(REMOVED.length(), key.length() - 1));
            }
        }
        return dropped;
    }

    private static String modelArtifactOf(Class<?> kind) {
        String jar = kind.getProtectionDomain().getCodeSource().getLocation().getPath();
        Matcher m = MODEL_JAR.matcher(jar);
        assertThat(m.find()).as("model jar of " + kind.getName() + ": " + jar).isTrue();
        return m.group(1);
    }

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = StartupFootprintSettingsTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            assertThat(in).isNotNull();
            p.load(in);
        }
        return p;
    }
}
