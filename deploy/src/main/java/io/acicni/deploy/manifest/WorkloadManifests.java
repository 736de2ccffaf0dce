package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.acicni.netconfig.config.AciContainersConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deployments of ipam-service and apic-sync-service (two replicas each, one leader by Lease) and
 * the ep-writer-service DaemonSet (one per node, in the node's network namespace so that the CNI
 * plugin reaches its loopback-only CNI endpoint; hostPaths {@code /var/lib/opflex-agent-ovs} and
 * {@code /var/lib/aci-dualstack/ep-writer}).
 */
public final class WorkloadManifests {
    public static final String CONFIG_DIR = "/etc/aci-dualstack";
    public static final String CERT_DIR = "/usr/local/etc/aci-cert";
    public static final String OPFLEX_DIR = "/var/lib/opflex-agent-ovs";
    static final int REPLICAS = 2;
    static final int HTTP_PORT = 8080;
    /**
     * ep-writer's HTTP port on the node (hostNetwork): probes, metrics and the CNI endpoint on
     * {@code 127.0.0.1}. Chosen clear of the ports common on ACI nodes (Cisco's host agent 8190,
     * controller 8091/8191, opflex-agent exporter 9612, kubelet/kube-proxy 10248-10259, node
     * exporter 9100); declared as hostPort so the scheduler sees a clash.
     */
    public static final int EP_WRITER_HTTP_PORT = 8193;
    /** ep-writer's own state (CNI token, sandboxes) per node: a hostPath, it must survive the pod. */
    public static final String EP_WRITER_STATE_DIR = "/var/lib/aci-dualstack/ep-writer";

    /**
     * The JVM options every service gets (JAVA_TOOL_OPTIONS, before its own {@link #jvmOptions(String)}):
     * the serial collector (one GC thread, no concurrent-collector memory; these are small heaps on
     * shared nodes), heap at 75 % of the container's memory limit, smaller thread stacks, and exit on
     * OutOfMemoryError so the kubelet restarts the container. The local run and the
     * benchmarks use the same options (localrun SuiteOptions, with -XX:MaxRAM standing in for the limit).
     * Figures: docs/benchmarks.md "Footprint"; choices: docs/operations.md "Start-up and memory".
     */
    public static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -Xss512k -XX:+ExitOnOutOfMemoryError";

    /**
     * Environment of every service's JVM process besides its JAVA_TOOL_OPTIONS: at most two glibc malloc
     * arenas ({@code MALLOC_ARENA_MAX=2}). By default glibc gives each thread that mallocs its own
     * arena of up to 64 MB reserved, partly touched; the JVM's own native allocations (compiler,
     * symbols, NIO) do not need them. Measured −3 to −4 MB idle RSS per service, no change in start-up.
     * The local run sets the same (localrun SuiteOptions).
     */
    public static final Map<String, String> PROCESS_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** The periodic native-heap trim option, without its interval (see {@link #SERVICE_JVM_OPTIONS}). */
    public static final String NATIVE_TRIM_OPTION = "-XX:TrimNativeHeapInterval=";

    /**
     * Options of one service on top of {@link #JVM_OPTIONS}. Every service runs with the C1 compiler
     * only ({@code -XX:TieredStopAtLevel=1}): measured on 2 cores it cuts the CPU to get ready by
     * ~30 % and idle RSS by 20-35 MB (no C2 compiler threads, arenas and code). For ipam it also
     * halved the CPU per pod event in the pipeline benchmark (C2 compilation was ~40 % of its CPU
     * for minutes after start, and a new leader starts cold), at the price of ~1.3x on the
     * allocator's sub-microsecond operations.
     * <p>
     * The young generation is sized per service, because eden is a trade between idle memory and
     * pauses: every page of eden is touched between two young collections, so eden is resident, and
     * each young collection is a pause (7-9 ms on average, up to 28 ms, on the saturated 2-core benchmark box). ipam
     * and apic-sync keep 1/6 of the heap young ({@code NewRatio=5}, JVM default 1/3): −9 MB idle RSS,
     * twice as many young collections under load. apic-sync, off the pod path (it follows fabric
     * changes, a few per minute), keeps 1/9 ({@code NewRatio=8}): −1.5 MB more. ep-writer, the last
     * hop before a sandbox gets its answer and 30 MB under its memory target, keeps the default.
     * <p>
     * ipam and apic-sync also keep their heap close to what they use: after a full collection the
     * heap shrinks to at most 20 % free and grows to at least 10 % free
     * ({@code MinHeapFreeRatio=10 MaxHeapFreeRatio=20}, JVM default 40/70): −3 MB idle RSS, where
     * the aot-jar packaging's fuller class archive had added +4 MB for 0.3-0.5 s faster start-up. A heap
     * that must grow under load does so at the next collection, as it would by default.
     * <p>
     * apic-sync gives freed native memory (start-up's class loading, compilation, Jackson
     * introspection) back to the system: {@value #NATIVE_TRIM_OPTION}{@code 1000} has the JVM call
     * glibc's {@code malloc_trim} every second. Measured −2.5 MB idle RSS (−2 to −3 MB for each
     * service). ipam and ep-writer, 10 and 30 MB under their memory target since the informer read
     * model, do not trim: in find-max runs with a 5 s trim their p99 at 153/s was 101-113 ms
     * against 82 ms without (within the run-to-run spread, but nothing on the pod path should pay
     * for memory it does not need). A product option since JDK 17.0.11, 21.0.3 and 22.0.1 (not in
     * 18-20): an older JVM refuses to start with it (docs/operations.md).
     * Figures: docs/benchmarks.md "Where we stand".
     */
    static final Map<String, String> SERVICE_JVM_OPTIONS = Map.of(
            Images.IPAM, "-XX:TieredStopAtLevel=1 -XX:NewRatio=5 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20",
            Images.APIC_SYNC, "-XX:TieredStopAtLevel=1 -XX:NewRatio=8 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 "
                    + NATIVE_TRIM_OPTION + "1000",
            Images.EP_WRITER, "-XX:TieredStopAtLevel=1");

    /** Memory request and limit per service (the heap follows the limit through MaxRAMPercentage). */
    static final Map<String, String[]> MEMORY = Map.of(
            Images.IPAM, new String[]{"256Mi", "512Mi"},
            Images.APIC_SYNC, new String[]{"192Mi", "384Mi"},
            Images.EP_WRITER, new String[]{"160Mi", "256Mi"});

    /** The JAVA_TOOL_OPTIONS of a service ({@code ipam-service}, ...): {@link #JVM_OPTIONS} and its own. */
    public static String jvmOptions(String service) {
        String own = SERVICE_JVM_OPTIONS.get(service);
        if (own == null) {
            throw new IllegalArgumentException("not a service: " + service);
        }
        return own.isEmpty() ? JVM_OPTIONS : JVM_OPTIONS + " " + own;
    }

    /** A service's container memory limit in MiB (the heap is 75 % of it). */
    public static int memoryLimitMi(String service) {
        String[] memory = MEMORY.get(service);
        if (memory == null) {
            throw new IllegalArgumentException("not a service: " + service);
        }
        return Integer.parseInt(memory[1].replace("Mi", ""));
    }

    private WorkloadManifests() {
    }

    public static final String FABRIC_CONFIGMAP = "aci-dualstack-fabric";
    public static final String FABRIC_FILE = "apic-fabric.txt";
    static final String FABRIC_DIR = "/etc/aci-dualstack-fabric";

    static List<HasMetadata> all(ManifestContext ctx) {
        return List.of(fabricObjects(ctx), ipam(ctx), apicSync(ctx), epWriter(ctx));
    }

    /** The static fabric objects apic-sync keeps in sync: provision's --apic-json text. */
    private static HasMetadata fabricObjects(ManifestContext ctx) {
        return new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName(FABRIC_CONFIGMAP).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(Images.APIC_SYNC)).endMetadata()
                .addToData(FABRIC_FILE, io.acicni.netconfig.fabric.ApicConfigText.format(
                        io.acicni.netconfig.fabric.FabricConfigFactory.create(ctx.input())))
                .build();
    }

    private static HasMetadata ipam(ManifestContext ctx) {
        Container container = container(ctx, Images.IPAM, List.of(configMount()))
                .addToEnv(value("ACICNI_IPAM_CONTROLLER_CONFIG", CONFIG_DIR + "/" + AciContainersConfig.CONTROLLER_FILE))
                .addToEnv(fieldEnv("ACICNI_IPAM_LEASE_NAMESPACE", "metadata.namespace"))
                .build();
        return deployment(ctx, Images.IPAM, podSpec(Images.IPAM, container, List.of(configVolume())));
    }

    private static HasMetadata apicSync(ManifestContext ctx) {
        var aci = ctx.input().input().aciConfig();
        ContainerBuilder builder = container(ctx, Images.APIC_SYNC, List.of(configMount(),
                new VolumeMountBuilder().withName("apic-credentials").withMountPath(CERT_DIR).withReadOnly(true).build(),
                new VolumeMountBuilder().withName("fabric-objects").withMountPath(FABRIC_DIR).withReadOnly(true).build()))
                .addToEnv(value("ACICNI_APIC_SYNC_FABRIC_OBJECTS", FABRIC_DIR + "/" + FABRIC_FILE))
                .addToEnv(value("ACICNI_APIC_HOSTS", String.join(",", aci.apicHosts().stream()
                        .map(h -> h.contains("://") ? h : "https://" + h).toList())))
                // the names apic-sync builds and finds objects by, from the input (as the local run does)
                .addToEnv(value("ACICNI_APIC_SYNC_SYSTEM_ID", aci.systemId()))
                .addToEnv(value("ACICNI_APIC_SYNC_TENANT", aci.tenant()))
                .addToEnv(value("ACICNI_APIC_SYNC_L3OUT_TENANT", aci.vrf().tenant()))
                .addToEnv(value("ACICNI_APIC_SYNC_L3OUT", aci.l3out().name()))
                .addToEnv(fieldEnv("ACICNI_APIC_SYNC_LEASE_NAMESPACE", "metadata.namespace"))
                .addToEnv(secretEnv("ACICNI_APIC_USERNAME", ConfigManifests.USERNAME_KEY))
                .addToEnv(secretEnv("ACICNI_APIC_SYNC_PASSWORD", ConfigManifests.PASSWORD_KEY));
        if (ctx.credentials().hasCertificate()) {
            builder.addToEnv(value("ACICNI_APIC_SYNC_PRIVATE_KEY", CERT_DIR + "/" + ConfigManifests.KEY_KEY));
        }
        Container container = builder.build();
        Volume fabric = new VolumeBuilder().withName("fabric-objects")
                .withNewConfigMap().withName(FABRIC_CONFIGMAP).endConfigMap().build();
        Volume credentials = new VolumeBuilder().withName("apic-credentials")
                .withNewSecret().withSecretName(ConfigManifests.CREDENTIALS_SECRET).withDefaultMode(0400).endSecret()
                .build();
        return deployment(ctx, Images.APIC_SYNC, podSpec(Images.APIC_SYNC, container,
                List.of(configVolume(), credentials, fabric)));
    }

    private static HasMetadata epWriter(ManifestContext ctx) {
        Container container = onHostPort(container(ctx, Images.EP_WRITER, List.of(configMount(),
                new VolumeMountBuilder().withName("opflex-agent-ovs").withMountPath(OPFLEX_DIR).build(),
                new VolumeMountBuilder().withName("ep-writer-state").withMountPath(EP_WRITER_STATE_DIR).build()))
                .addToEnv(fieldEnv("NODE_NAME", "spec.nodeName"))
                .addToEnv(value("ACICNI_EP_WRITER_NODES", "$(NODE_NAME)"))
                .addToEnv(value("ACICNI_EP_WRITER_HOST_AGENT_CONFIG", CONFIG_DIR + "/" + AciContainersConfig.HOST_AGENT_FILE))
                .addToEnv(value("ACICNI_EP_WRITER_METADATA_DIR", EP_WRITER_STATE_DIR + "/{node}"))
                // hostNetwork: /proc/net and /proc/sys/net show the node's network namespace
                .addToEnv(value("ACICNI_EP_WRITER_NODE_CHECK_ROUTE_FILE", "/proc/net/route"))
                .addToEnv(value("ACICNI_EP_WRITER_NODE_CHECK_IPV6_ROUTE_FILE", "/proc/net/ipv6_route"))
                .addToEnv(value("ACICNI_EP_WRITER_NODE_CHECK_IPV6_FORWARDING_FILE", "/proc/sys/net/ipv6/conf/all/forwarding"))
                .build(), EP_WRITER_HTTP_PORT);
        Volume opflex = new VolumeBuilder().withName("opflex-agent-ovs")
                .withNewHostPath().withPath(OPFLEX_DIR).withType("DirectoryOrCreate").endHostPath()
                .build();
        Volume state = new VolumeBuilder().withName("ep-writer-state")
                .withNewHostPath().withPath(EP_WRITER_STATE_DIR).withType("DirectoryOrCreate").endHostPath()
                .build();
        PodSpec spec = new PodSpecBuilder(podSpec(Images.EP_WRITER, container, List.of(configVolume(), opflex, state)))
                .withAutomountServiceAccountToken(false)
                // the CNI endpoint answers loopback callers only: the node's CNI plugin must share the namespace
                .withHostNetwork(true)
                .withDnsPolicy("ClusterFirstWithHostNet")
                .addNewToleration().withOperator("Exists").endToleration()
                .build();
        return new DaemonSetBuilder()
                .withNewMetadata().withName(Images.EP_WRITER).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(Images.EP_WRITER)).endMetadata()
                .withNewSpec()
                    .withNewSelector().withMatchLabels(Labels.selector(Images.EP_WRITER)).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.component(Images.EP_WRITER)).endMetadata()
                        .withSpec(spec)
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static HasMetadata deployment(ManifestContext ctx, String name, PodSpec spec) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(name)).endMetadata()
                .withNewSpec()
                    .withReplicas(REPLICAS)
                    .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.component(name)).endMetadata()
                        .withSpec(spec)
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(String name, Container container, List<Volume> volumes) {
        return new PodSpecBuilder()
                .withServiceAccountName(name)
                .withContainers(container)
                .withVolumes(volumes)
                .build();
    }

    private static ContainerBuilder container(ManifestContext ctx, String name, List<VolumeMount> mounts) {
        List<EnvVar> env = new ArrayList<>();
        // the one Kafka configuration of the suite (docs/events.md "Connecting to Kafka")
        env.add(value("ACICNI_KAFKA_BOOTSTRAP_SERVERS", ctx.kafka().bootstrap()));
        env.add(value("QUARKUS_HTTP_PORT", Integer.toString(HTTP_PORT)));
        env.add(value("JAVA_TOOL_OPTIONS", jvmOptions(name)));
        new java.util.TreeMap<>(PROCESS_ENVIRONMENT).forEach((k, v) -> env.add(value(k, v)));
        env.add(fieldEnv("ACICNI_INSTANCE_NAME", "metadata.name"));
        env.add(fieldEnv("POD_NAME", "metadata.name"));
        env.add(fieldEnv("POD_NAMESPACE", "metadata.namespace"));
        return new ContainerBuilder()
                .withName(name)
                .withImage(ctx.images().image(name))
                .withImagePullPolicy("IfNotPresent")
                .withEnv(env)
                .withNewResources()
                    .addToRequests("cpu", new Quantity("100m"))
                    .addToRequests("memory", new Quantity(MEMORY.get(name)[0]))
                    .addToLimits("memory", new Quantity(MEMORY.get(name)[1]))
                .endResources()
                .addNewPort().withName("http").withContainerPort(HTTP_PORT).endPort()
                .withLivenessProbe(probe("/q/health/live"))
                .withReadinessProbe(probe("/q/health/ready"))
                .withVolumeMounts(mounts);
    }

    /** Moves the container's HTTP server to {@code port}, declared as hostPort too (hostNetwork). */
    private static Container onHostPort(Container container, int port) {
        container.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_HTTP_PORT"))
                .forEach(e -> e.setValue(Integer.toString(port)));
        container.setPorts(new ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                .withName("http").withContainerPort(port).withHostPort(port).withProtocol("TCP").build())));
        return container;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secretEnv(String name, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(ConfigManifests.CREDENTIALS_SECRET).withKey(key).withOptional(true).endSecretKeyRef().endValueFrom().build();
    }

    private static EnvVar fieldEnv(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
                .build();
    }

    private static Probe probe(String path) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(10)
                .build();
    }

    private static VolumeMount configMount() {
        return new VolumeMountBuilder().withName("aci-containers-config").withMountPath(CONFIG_DIR)
                .withReadOnly(true).build();
    }

    private static Volume configVolume() {
        return new VolumeBuilder().withName("aci-containers-config")
                .withNewConfigMap()
                    .withName(AciContainersConfig.CONFIGMAP_NAME)
                    .addNewItem().withKey(AciContainersConfig.CONTROLLER_KEY)
                        .withPath(AciContainersConfig.CONTROLLER_FILE).endItem()
                    .addNewItem().withKey(AciContainersConfig.HOST_AGENT_KEY)
                        .withPath(AciContainersConfig.HOST_AGENT_FILE).endItem()
                .endConfigMap()
                .build();
    }
}
