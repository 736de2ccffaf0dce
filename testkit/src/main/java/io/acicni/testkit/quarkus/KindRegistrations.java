package io.acicni.testkit.quarkus;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks a service's {@code quarkus.class-loading.removed-resources} settings, which drop the
 * Kubernetes kind registrations of API groups the service never reads (docs/operations.md "Start-up
 * and memory"): only the registration file is dropped, and never for a kind the service uses.
 */
public final class KindRegistrations {
    private static final String REMOVED = "quarkus.class-loading.removed-resources.\"io.fabric8:";
    private static final String REGISTRATION = "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";
    private static final Pattern MODEL_JAR = Pattern.compile("(kubernetes-model-[a-z]+)-\\d[^/]*\\.jar$");

    private KindRegistrations() {
    }

    /** The service's {@code application.properties}, from the class path. */
    public static Properties applicationProperties() {
        Properties p = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            assertNotNull(in, "application.properties on the class path");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The model artifacts whose registrations the settings drop; fails if a setting drops anything but the registration file. */
    public static Set<String> droppedModelArtifacts(Properties p) {
        Set<String> dropped = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(REMOVED)) {
                assertEquals(REGISTRATION, p.getProperty(key), key);
                dropped.add(key.substring(REMOVED.length(), key.length() - 1));
            }
        }
        return dropped;
    }

    /** The {@code kubernetes-model-*} artifact a kind comes from. */
    public static String modelArtifactOf(Class<?> kind) {
        String jar = kind.getProtectionDomain().getCodeSource().getLocation().getPath();
        Matcher m = MODEL_JAR.matcher(jar);
        assertTrue(m.find(), "model jar of " + kind.getName() + ": " + jar);
        return m.group(1);
    }

    /** Some registrations are dropped, never core's, and none of a kind in {@code used}. */
    public static void assertUsedKindsStayRegistered(Properties p, List<Class<? extends HasMetadata>> used) {
        Set<String> dropped = droppedModelArtifacts(p);
        assertFalse(dropped.isEmpty(), "no kind registration is dropped");
        assertFalse(dropped.contains("kubernetes-model-core"), "core's registrations are dropped");
        for (Class<? extends HasMetadata> kind : used) {
            String artifact = modelArtifactOf(kind);
            assertFalse(dropped.contains(artifact), kind.getName() + " is used but " + artifact + "'s registrations are dropped");
        }
    }
}
