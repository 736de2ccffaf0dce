package io.acicni.localrun.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a local run.
 *
 * @param home              the project checkout (where the services' packaged apps are)
 * @param var               the run's directory ({@code ./var})
 * @param input             acc-provision input, null for the default (seed example net_config)
 * @param flavor            the flavor to validate the input with
 * @param cluster           the Kubernetes objects to load
 * @param nodesPerEpWriter  simulated nodes served by one ep-writer process (1 = one process per node)
 * @param jvmOptions        JVM options of every service process
 * @param readyTimeout      how long a service may take to become ready
 * @param extraProperties   additional {@code -D} settings per service module name ({@code ep-writer-service} ...)
 */
public record SuiteOptions(Path home, Path var, Path input, String flavor, ClusterSpec cluster, int nodesPerEpWriter,
                           List<String> jvmOptions, Duration readyTimeout, Map<String, Map<String, String>> extraProperties) {

    /**
     * The JVM options of a local service: the manifests' (deploy WorkloadManifests.JVM_OPTIONS), with
     * {@code -XX:MaxRAM} standing in for a container memory limit of 384 MiB (heap at most 288 MB,
     * initial heap sized from it as in a container, not from this machine's memory).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAM=384m");

    public SuiteOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(var, "var");
        flavor = flavor == null ? SuiteInputs.DEFAULT_FLAVOR : flavor;
        cluster = cluster == null ? ClusterSpec.sample() : cluster;
        if (nodesPerEpWriter < 1) {
            throw new IllegalArgumentException("nodes per ep-writer must be at least 1, got " + nodesPerEpWriter);
        }
        jvmOptions = jvmOptions == null ? DEFAULT_JVM_OPTIONS : List.copyOf(jvmOptions);
        readyTimeout = readyTimeout == null ? Duration.ofSeconds(180) : readyTimeout;
        extraProperties = extraProperties == null ? Map.of() : Map.copyOf(extraProperties);
    }

    /** The defaults of {@code ./aci-dualstack up} for a checkout at {@code home}. */
    public static SuiteOptions defaults(Path home) {
        return new SuiteOptions(home, home.resolve("var"), null, null, ClusterSpec.sample(), 1, null, null, null);
    }

    public SuiteOptions withInput(Path newInput) {
        return new SuiteOptions(home, var, newInput, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties);
    }

    public SuiteOptions withCluster(ClusterSpec newCluster) {
        return new SuiteOptions(home, var, input, flavor, newCluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties);
    }

    public SuiteOptions withVar(Path newVar) {
        return new SuiteOptions(home, newVar, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties);
    }

    public SuiteOptions withJvmOptions(List<String> options) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, options, readyTimeout, extraProperties);
    }

    public SuiteOptions withNodesPerEpWriter(int n) {
        return new SuiteOptions(home, var, input, flavor, cluster, n, jvmOptions, readyTimeout, extraProperties);
    }

    public SuiteOptions withReadyTimeout(Duration timeout) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, timeout, extraProperties);
    }

    public SuiteOptions withExtraProperties(Map<String, Map<String, String>> props) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, props);
    }
}
