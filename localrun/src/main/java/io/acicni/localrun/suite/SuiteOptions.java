package io.acicni.localrun.suite;

import io.acicni.deploy.manifest.WorkloadManifests;

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
 * @param jvmOptions        JVM options of every service process; {@link #SHIPPED} stands for each one's own
 * @param readyTimeout      how long a service may take to become ready
 * @param extraProperties   additional {@code -D} settings per service module name ({@code ep-writer-service} ...)
 * @param oneAtATime        start each service process only when the one before it is ready (each one's start-up
 *                          time is then its own, not shared with its neighbours' on the same cores); default: all
 *                          at once, each awaited in parallel
 */
public record SuiteOptions(Path home, Path var, Path input, String flavor, ClusterSpec cluster, int nodesPerEpWriter,
                           List<String> jvmOptions, Duration readyTimeout, Map<String, Map<String, String>> extraProperties,
                           boolean oneAtATime) {

    public SuiteOptions(Path home, Path var, Path input, String flavor, ClusterSpec cluster, int nodesPerEpWriter,
                        List<String> jvmOptions, Duration readyTimeout, Map<String, Map<String, String>> extraProperties) {
        this(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties, false);
    }

    /**
     * Stands, in a list of JVM options, for the options a service ships with (see {@link #shippedJvmOptions});
     * {@code --jvm-options "@shipped -XX:+Foo"} adds to them, a list without it replaces them.
     */
    public static final String SHIPPED = "@shipped";

    /** The default: every service with the options it ships with. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(SHIPPED);

    /**
     * The JVM options a service runs with in a cluster: deploy's {@code WorkloadManifests.jvmOptions}
     * (JAVA_TOOL_OPTIONS of its manifest) with {@code -XX:MaxRAM} standing in for its container memory
     * limit (so the heap and the initial heap are sized as in its container, not from this machine).
     */
    public static List<String> shippedJvmOptions(String module) {
        return shippedJvmOptions(module, Runtime.version());
    }

    /**
     * The same for the JVM {@code jdk}: without the native-heap trim option when that JVM does not
     * know it as a product option (before 17.0.11, 21.0.3, 22.0.1), which would otherwise refuse to
     * start (the services run on the JDK that runs the local run).
     */
    static List<String> shippedJvmOptions(String module, Runtime.Version jdk) {
        List<String> out = new java.util.ArrayList<>(List.of(WorkloadManifests.jvmOptions(module).trim().split("\\s+")));
        if (!knowsNativeTrim(jdk)) {
            out.removeIf(o -> o.startsWith(WorkloadManifests.NATIVE_TRIM_OPTION));
        }
        out.add("-XX:MaxRAM=" + WorkloadManifests.memoryLimitMi(module) + "m");
        return List.copyOf(out);
    }

    /** Whether {@code -XX:TrimNativeHeapInterval} is a product option of this JDK. */
    static boolean knowsNativeTrim(Runtime.Version jdk) {
        return switch (jdk.feature()) {
            case 17 -> jdk.update() >= 11;
            case 18, 19, 20 -> false;
            case 21 -> jdk.update() >= 3;
            case 22 -> jdk.update() >= 1;
            default -> jdk.feature() > 22;
        };
    }

    /**
     * The environment of one service process that comes with its options: with {@link #SHIPPED}, the
     * manifests' {@code WorkloadManifests.PROCESS_ENVIRONMENT} (glibc's malloc arenas); none when the
     * options replace the shipped ones, so that a comparison run is the plain JVM.
     */
    public Map<String, String> environmentFor(String module) {
        return jvmOptions.contains(SHIPPED) ? WorkloadManifests.PROCESS_ENVIRONMENT : Map.of();
    }

    /** The whole environment a service process gets: {@link #environmentFor(String)}, overridden by its own variables. */
    public Map<String, String> environmentFor(String module, Map<String, String> own) {
        Map<String, String> out = new java.util.LinkedHashMap<>(environmentFor(module));
        out.putAll(own);
        return Map.copyOf(out);
    }

    /** The JVM options of one service process: {@link #jvmOptions()} with {@link #SHIPPED} expanded for {@code module}. */
    public List<String> jvmOptionsFor(String module) {
        List<String> out = new java.util.ArrayList<>();
        for (String o : jvmOptions) {
            if (o.equals(SHIPPED)) {
                out.addAll(shippedJvmOptions(module));
            } else {
                out.add(o);
            }
        }
        return List.copyOf(out);
    }

    public SuiteOptions {
        // absolute: the service processes run in their app's directory (ServiceProcess), so every path
        // handed to them must not depend on the working directory
        home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        var = Objects.requireNonNull(var, "var").toAbsolutePath().normalize();
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
        return new SuiteOptions(home, home.resolve("var"), null, null, ClusterSpec.sample(), 1, null, null, null, false);
    }

    public SuiteOptions withInput(Path newInput) {
        return new SuiteOptions(home, var, newInput, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withCluster(ClusterSpec newCluster) {
        return new SuiteOptions(home, var, input, flavor, newCluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withVar(Path newVar) {
        return new SuiteOptions(home, newVar, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withJvmOptions(List<String> options) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, options, readyTimeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withNodesPerEpWriter(int n) {
        return new SuiteOptions(home, var, input, flavor, cluster, n, jvmOptions, readyTimeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withReadyTimeout(Duration timeout) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, timeout, extraProperties, oneAtATime);
    }

    public SuiteOptions withOneAtATime(boolean sequential) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, extraProperties, sequential);
    }

    public SuiteOptions withExtraProperties(Map<String, Map<String, String>> props) {
        return new SuiteOptions(home, var, input, flavor, cluster, nodesPerEpWriter, jvmOptions, readyTimeout, props, oneAtATime);
    }
}
