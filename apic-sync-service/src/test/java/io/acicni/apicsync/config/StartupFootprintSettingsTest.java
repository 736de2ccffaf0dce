package io.acicni.apicsync.config;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
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
 * The start-up settings of application.properties (docs/operations.md "Start-up and memory"): Kafka
 * clients nobody may need are created on first use, and the Kubernetes kinds this service reads stay
 * registered with the client's serialization.
 */
class StartupFootprintSettingsTest {
    private static final String REMOVED = "quarkus.class-loading.removed-resources.\"io.fabric8:";
    private static final Pattern MODEL_JAR = Pattern.compile("(kubernetes-model-[a-z]+)-\\d[^/]*\\.jar$");

    /** Every kind apic-sync asks the Kubernetes API for (leader election). */
    private static final List<Class<? extends HasMetadata>> KINDS_USED = List.of(Lease.class);

    @Test
    void deadLetterAndAuditProducersAreCreatedOnFirstUse() throws IOException {
        Properties p = properties();
        for (String channel : List.of("node-addressing-in", "service-addressing-in")) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            assertThat(p.getProperty(prefix + "failure-strategy")).isEqualTo("dead-letter-queue");
            assertThat(p.getProperty(prefix + "dead-letter-queue.lazy-client")).as(channel).isEqualTo("true");
        }
        assertThat(p.getProperty("mp.messaging.outgoing.audit-out.lazy-client")).isEqualTo("true");
    }

    @Test
    void theKindsThisServiceReadsKeepTheirRegistration() throws IOException {
        Set<String> dropped = droppedModelArtifacts(properties());
        assertThat(dropped).isNotEmpty().doesNotContain("kubernetes-model-core");
        for (Class<? extends HasMetadata> kind : KINDS_USED) {
            assertThat(dropped).as(kind.getName()).doesNotContain(modelArtifactOf(kind));
        }
    }

    static Set<String> droppedModelArtifacts(Properties p) {
        Set<String> dropped = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(REMOVED)) {
                assertThat(p.getProperty(key)).isEqualTo("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource");
                dropped.add(key.substring(REMOVED.length(), key.length() - 1));
            }
        }
        return dropped;
    }

    static String modelArtifactOf(Class<?> kind) {
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
