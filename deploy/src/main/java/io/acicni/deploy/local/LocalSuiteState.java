package io.acicni.deploy.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a running {@code aci-dualstack up} can be reached: written by {@code up} to
 * {@code var/suite.json} once every process is started, removed when it stops. {@code validate},
 * {@code diagnose} and {@code audit} read it when no kubeconfig is given, so they work against the
 * local run exactly as against a cluster. Paths are absolute strings.
 *
 * @param schema            1
 * @param pid               the {@code up} process
 * @param kubeconfig        kubeconfig of the Kubernetes API double
 * @param kafkaBootstrap    bootstrap servers of the embedded broker
 * @param apic              the APIC emulator
 * @param services          base URL per service name ({@code ipam-service}, {@code apic-sync-service})
 * @param nodes             per simulated node: its ep-writer and directories
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalSuiteState(int schema, long pid, String kubeconfig, String kafkaBootstrap, Apic apic,
                              Map<String, String> services, Map<String, Node> nodes) {

    public static final String FILE_NAME = "suite.json";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public LocalSuiteState {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        services = services == null ? Map.of() : new TreeMap<>(services);
        nodes = nodes == null ? Map.of() : new TreeMap<>(nodes);
    }

    /**
     * The APIC emulator: URL, user, the file holding the password, and the PEM of its self-signed
     * certificate (so clients keep TLS verification on).
     */
    public record Apic(String url, String username, String passwordFile, String caFile) {
    }

    /** One simulated node: its ep-writer's base URL and the directories it writes. */
    public record Node(String epWriterUrl, String endpointDir, String serviceDir, String metadataDir) {
    }

    /** {@code <varDir>/suite.json}. */
    public static Path fileIn(Path varDir) {
        return varDir.resolve(FILE_NAME);
    }

    /** Reads the state file, if a local run left one. */
    public static Optional<LocalSuiteState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LocalSuiteState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local run state " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the state file atomically (temp file + rename). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write local run state " + file + ": " + e.getMessage(), e);
        }
    }
}
