package io.acicni.localrun.suite;

import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.model.ApicObject;
import io.acicni.deploy.cli.Console;
import io.acicni.deploy.local.LocalSuiteState;
import io.acicni.deploy.provision.ApicPush;
import io.acicni.deploy.provision.ProvisionException;
import io.acicni.localrun.process.ServiceProcess;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.testkit.apic.ApicEmulator;
import io.acicni.testkit.kafka.EmbeddedKafka;
import io.acicni.testkit.kube.HttpCniPlugin;
import io.acicni.testkit.kube.KubernetesApiDouble;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole suite on one machine. In this JVM: the embedded Kafka broker, the APIC emulator and the
 * Kubernetes API double (which plays every node's kubelet and calls the node's ep-writer CNI endpoint).
 * As separate processes, the services' real packaged apps configured through their normal settings:
 * ipam-service, apic-sync-service and ep-writer-service (one per simulated node, or one per group of
 * nodes for large benchmark clusters).
 *
 * <p>Start order: configuration (what {@code provision} derives from the input) → broker → APIC
 * emulator with {@code provision -a}'s objects → API double with the {@code aci-containers-config}
 * ConfigMap → services (in parallel, each awaited on {@code /q/health/ready}) → {@code var/suite.json}
 * → the cluster's objects. {@link #close()} undoes it in reverse; it is safe to call twice.
 */
public final class LocalSuite implements AutoCloseable {
    public static final String IPAM = "ipam-service";
    public static final String APIC_SYNC = "apic-sync-service";
    public static final String EP_WRITER = "ep-writer-service";
    public static final String APIC_USER = "admin";

    private final SuiteOptions options;
    private final SuiteLayout layout;
    private final Consumer<String> progress;
    private SuiteInputs inputs;
    private ClusterObjects cluster;
    private EmbeddedKafka kafka;
    private ApicEmulator apic;
    private KubernetesApiDouble kube;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private ServiceProcess ipam;
    private ServiceProcess apicSync;
    private final Map<String, ServiceProcess> epWriterOfNode = new LinkedHashMap<>();
    private boolean closed;

    private LocalSuite(SuiteOptions options, Consumer<String> progress) {
        this.options = options;
        this.layout = new SuiteLayout(options.home(), options.var());
        this.progress = progress;
    }

    /** Starts everything and loads the cluster; on failure stops what it started and rethrows. */
    public static LocalSuite start(SuiteOptions options, Consumer<String> progress) {
        LocalSuite suite = create(options, progress);
        suite.start();
        return suite;
    }

    /**
     * A suite not started yet: register {@link #close()} as a shutdown hook first, then {@link #start()},
     * so that Ctrl-C during start-up also stops the processes started so far.
     */
    public static LocalSuite create(SuiteOptions options, Consumer<String> progress) {
        return new LocalSuite(options, progress);
    }

    /** Starts everything and loads the cluster; on failure stops what it started and rethrows. */
    public void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        refuseIfRunning();
        killOrphans();
        cleanVar();
        inputs = SuiteInputs.load(options.input(), options.flavor());
        inputs.writeTo(layout);
        progress.accept("configuration from " + inputs.source() + " -> " + layout.config());

        kafka = EmbeddedKafka.start(layout.kafka(), false, 0);
        kafka.createCatalogueTopics();
        createTransactionStateTopic();
        progress.accept("Kafka broker (KRaft) at " + kafka.bootstrapServers());

        startApic();
        progress.accept("APIC emulator at " + apic.url() + " holding provision's fabric objects");

        Map<String, Integer> epWriterPorts = new java.util.concurrent.ConcurrentHashMap<>();
        KubernetesApiDouble.Builder kb = KubernetesApiDouble.builder()
                .kubeletThreads(kubeletThreads(options.cluster()))
                .cniPlugin(new HttpCniPlugin(node -> cniUrl(node, epWriterPorts),
                        node -> layout.metadataDir(node).resolve("cni-token"), Duration.ofSeconds(30)));
        kube = kb.build().start();
        kube.writeKubeconfig(layout.kubeconfig());
        applyConfigMap(kube.client());
        cluster = ClusterObjects.of(options.cluster(), inputs, kube.client());
        List<String> nodes = cluster.nodeNames();
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the cluster " + cluster.source() + " has no Node: ep-writers need at least one node");
        }
        progress.accept("Kubernetes API double at " + kube.url() + " (kubeconfig " + layout.kubeconfig() + ")");

        startServices(nodes, epWriterPorts);
        writeState();
        int applied = cluster.applyTo(kube.client());
        progress.accept("applied " + applied + " objects of the " + cluster.source() + " (" + nodes.size() + " nodes)");
    }

    /**
     * Has the broker create its transaction state topic now, as a cluster's Kafka that has served a
     * transactional producer before has it: otherwise ipam's first {@code initTransactions()} waits
     * for the topic to be created (1-3 s on 2 cores), a cost of a brand-new broker, on its path to ready.
     */
    private void createTransactionStateTopic() {
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "localrun-transaction-state",
                org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG, "localrun-transaction-state");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.initTransactions();
        }
    }

    /**
     * CNI calls the kubelet double runs at once. A real cluster has one kubelet per node, each calling
     * its own node's CNI plugin; an ADD blocks until the pod's addresses arrive, so a large generated
     * cluster (the benchmark) needs about one thread per node to keep up with pod churn.
     */
    static int kubeletThreads(ClusterSpec cluster) {
        return cluster instanceof ClusterSpec.GeneratedNodes g ? Math.min(128, Math.max(4, g.count())) : 4;
    }

    private URI cniUrl(String node, Map<String, Integer> ports) {
        Integer port = ports.get(node);
        if (port == null) {
            throw new IllegalArgumentException("no ep-writer serves node " + node);
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    private void startApic() {
        String password = randomSecret();
        apic = ApicEmulator.builder().user(APIC_USER, password).build().start();
        writePrivate(layout.apicPassword(), password);
        writePrivate(layout.apicCa(), apic.certificatePem());
        // What the fabric administrator created before the cluster: the VRF's tenant and its L3Out.
        String common = inputs.vrfTenant();
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-" + common).attr("name", common));
        String l3out = "uni/tn-" + common + "/out-" + inputs.l3out();
        apic.put(ApicObject.of("l3extOut").attr("dn", l3out).attr("name", inputs.l3out()));
        for (String network : inputs.validated().input().aciConfig().l3out().externalNetworks()) {
            apic.put(ApicObject.of("l3extInstP").attr("dn", l3out + "/instP-" + network).attr("name", network));
        }
        // What `aci-dualstack provision -a` posts.
        StringWriter log = new StringWriter();
        try {
            new ApicPush(new Console(new PrintWriter(log), false)).provision(List.of(apic.url()),
                    new PasswordCredentials(APIC_USER, password.toCharArray()), TlsSettings.caBundle(layout.apicCa()), inputs.fabric());
            Files.writeString(layout.logs().resolve("provision-apic.log"), log.toString());
        } catch (ProvisionException e) {
            throw new IllegalStateException("provisioning the APIC emulator failed: " + String.join("; ", e.messages()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void applyConfigMap(KubernetesClient client) {
        String ns = AciContainersConfigFactory.SYSTEM_NAMESPACE;
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(AciContainersConfig.CONFIGMAP_NAME).withNamespace(ns).endMetadata()
                .withData(inputs.config().toConfigMapData()).build()).create();
    }

    private void startServices(List<String> nodes, Map<String, Integer> epWriterPorts) {
        Map<String, String> env = Map.of(
                "ACICNI_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "KUBECONFIG", layout.kubeconfig().toString());
        String leaseNs = AciContainersConfigFactory.SYSTEM_NAMESPACE;

        Map<String, String> ipamProps = new LinkedHashMap<>();
        ipamProps.put("acicni.ipam.controller-config", layout.controllerConfig().toString());
        ipamProps.put("acicni.ipam.lease-namespace", leaseNs);
        ipamProps.put("acicni.instance.name", "local-ipam");
        ipam = launch(IPAM, IPAM, 0, ipamProps, env);

        Map<String, String> syncProps = new LinkedHashMap<>();
        syncProps.put("acicni.apic-sync.hosts", apic.url());
        syncProps.put("acicni.apic-sync.username", APIC_USER);
        syncProps.put("acicni.apic-sync.ca-bundle", layout.apicCa().toString());
        syncProps.put("acicni.apic-sync.fabric-objects", layout.fabricObjects().toString());
        syncProps.put("acicni.apic-sync.system-id", inputs.systemId());
        syncProps.put("acicni.apic-sync.tenant", inputs.tenant());
        syncProps.put("acicni.apic-sync.l3out-tenant", inputs.vrfTenant());
        syncProps.put("acicni.apic-sync.l3out", inputs.l3out());
        syncProps.put("acicni.apic-sync.lease-namespace", leaseNs);
        syncProps.put("acicni.apic-sync.debounce", "100ms");
        Map<String, String> syncEnv = new LinkedHashMap<>(env);
        syncEnv.put("ACICNI_APIC_SYNC_PASSWORD", readPrivate(layout.apicPassword()));
        syncEnv.put("HOSTNAME", "local-apic-sync");
        apicSync = launch(APIC_SYNC, APIC_SYNC, 0, syncProps, syncEnv);

        int group = 0;
        for (int from = 0; from < nodes.size(); from += options.nodesPerEpWriter()) {
            List<String> served = nodes.subList(from, Math.min(nodes.size(), from + options.nodesPerEpWriter()));
            group++;
            String name = served.size() == 1 ? "ep-writer/" + served.get(0) : "ep-writer/" + group;
            Path proc = layout.var().resolve("proc").resolve(name.replace('/', '-'));
            SimulatedNodeFiles.writeHealthy(proc);
            served.forEach(this::createNodeDirs);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("acicni.ep-writer.nodes", String.join(",", served));
            props.put("acicni.ep-writer.host-agent-config", layout.hostAgentConfig().toString());
            props.put("acicni.ep-writer.endpoint-dir", layout.var().resolve("{node}").resolve("endpoints").toString());
            props.put("acicni.ep-writer.service-dir", layout.var().resolve("{node}").resolve("services").toString());
            props.put("acicni.ep-writer.metadata-dir", layout.var().resolve("{node}").resolve("metadata").toString());
            props.put("acicni.ep-writer.uplink-mac", SimulatedNodeFiles.uplinkMac(group));
            props.put("acicni.ep-writer.instance", name.replace('/', '-'));
            props.put("acicni.ep-writer.node-check.route-file", proc.resolve("net/route").toString());
            props.put("acicni.ep-writer.node-check.ipv6-route-file", proc.resolve("net/ipv6_route").toString());
            props.put("acicni.ep-writer.node-check.ipv6-forwarding-file", proc.resolve("sys/net/ipv6/conf/all/forwarding").toString());
            ServiceProcess p = launch(name, EP_WRITER, 0, props, env);
            for (String node : served) {
                epWriterOfNode.put(node, p);
            }
        }
        if (!options.oneAtATime()) {
            progress.accept("started " + processes.size() + " service processes; waiting until each is ready");
            awaitAllReady();
        }
        epWriterOfNode.forEach((node, p) -> epWriterPorts.put(node, p.port()));
    }

    /**
     * Waits for every process at once, one thread each, so that each one's {@code readyAfter} is its own
     * (awaiting them in turn would credit a later process with the earlier ones' wait).
     */
    private void awaitAllReady() {
        List<ServiceProcess> all;
        synchronized (this) {
            all = List.copyOf(processes);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(all.size(), 16)), r -> {
            Thread t = new Thread(r, "await-ready");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> waits = new ArrayList<>();
            for (ServiceProcess p : all) {
                waits.add(pool.submit(() -> {
                    p.awaitReady(options.readyTimeout());
                    reportReady(p);
                }));
            }
            for (java.util.concurrent.Future<?> w : waits) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the services", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void reportReady(ServiceProcess p) {
        progress.accept(String.format("  %-22s ready in %5.1f s  %s (pid %d)", p.name(), p.readyAfter().toMillis() / 1000.0,
                p.baseUrl(), p.pid()));
    }

    private ServiceProcess launch(String name, String module, int port, Map<String, String> props, Map<String, String> env) {
        ServiceProcess p = startProcess(name, module, port, props, env);
        if (options.oneAtATime()) {
            p.awaitReady(options.readyTimeout());
            reportReady(p);
        }
        return p;
    }

    private ServiceProcess startProcess(String name, String module, int port, Map<String, String> props, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(props);
        all.putAll(options.extraProperties().getOrDefault(module, Map.of()));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the local run is stopping");
            }
            ServiceProcess p = ServiceProcess.start(new ServiceProcess.Spec(name, layout.app(module), port, options.jvmOptionsFor(module),
                    all, options.environmentFor(module, env), layout.log(name)));
            processes.add(p);
            recordPid(p);
            return p;
        }
    }

    private void createNodeDirs(String node) {
        try {
            Files.createDirectories(layout.endpointDir(node));
            Files.createDirectories(layout.serviceDir(node));
            Files.createDirectories(layout.metadataDir(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeState() {
        Map<String, LocalSuiteState.Node> nodes = new LinkedHashMap<>();
        epWriterOfNode.forEach((node, p) -> nodes.put(node, new LocalSuiteState.Node(p.baseUrl().toString(),
                layout.endpointDir(node).toString(), layout.serviceDir(node).toString(), layout.metadataDir(node).toString())));
        new LocalSuiteState(1, ProcessHandle.current().pid(), layout.kubeconfig().toString(), kafka.bootstrapServers(),
                new LocalSuiteState.Apic(apic.url(), APIC_USER, layout.apicPassword().toString(), layout.apicCa().toString()),
                Map.of(IPAM, ipam.baseUrl().toString(), APIC_SYNC, apicSync.baseUrl().toString()), nodes)
                .write(LocalSuiteState.fileIn(layout.var()));
    }

    private void refuseIfRunning() {
        LocalSuiteState.read(LocalSuiteState.fileIn(layout.var())).ifPresent(state -> {
            if (state.pid() != ProcessHandle.current().pid()
                    && ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("another local run (pid " + state.pid() + ") is using " + layout.var()
                        + "; stop it first (Ctrl-C in its terminal) or use --var DIR");
            }
        });
    }

    /** Service processes of this run, one pid per line, so that a run killed hard leaves no orphans behind. */
    private Path pidFile() {
        return layout.var().resolve("pids");
    }

    private void recordPid(ServiceProcess p) {
        try {
            Files.writeString(pidFile(), p.pid() + " " + p.name() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record pid of " + p.name() + " in " + pidFile() + ": " + e.getMessage(), e);
        }
    }

    /** Stops service processes an earlier run of this var dir left running (it was killed before it could stop them). */
    private void killOrphans() {
        if (!Files.isRegularFile(pidFile())) {
            return;
        }
        try {
            for (String line : Files.readAllLines(pidFile())) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length < 2 || parts[0].isEmpty()) {
                    continue;
                }
                long pid = Long.parseLong(parts[0]);
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                        .ifPresent(h -> {
                            progress.accept("stopping " + parts[1] + " (pid " + pid + ") left running by an earlier run");
                            h.destroyForcibly();
                        });
            }
            Files.delete(pidFile());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + pidFile() + ": " + e.getMessage(), e);
        }
    }

    /** Removes what an earlier run left (the broker's data, node dirs, logs): every run starts empty. */
    private void cleanVar() {
        try {
            Files.createDirectories(layout.var());
            try (Stream<Path> entries = Files.list(layout.var())) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    boolean ours = List.of("config", "kafka", "logs", "proc", "pids", LocalSuiteState.FILE_NAME).contains(name)
                            || Files.isDirectory(entry.resolve("endpoints")) || Files.isDirectory(entry.resolve("metadata"));
                    if (ours) {
                        deleteTree(entry);
                    }
                }
            }
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + layout.var() + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return "local-" + HexFormat.of().formatHex(bytes);
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readPrivate(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SuiteLayout layout() {
        return layout;
    }

    public SuiteInputs inputs() {
        return inputs;
    }

    public KubernetesApiDouble kube() {
        return kube;
    }

    public KubernetesClient client() {
        return kube.client();
    }

    public ApicEmulator apic() {
        return apic;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public ServiceProcess ipam() {
        return ipam;
    }

    public ServiceProcess apicSync() {
        return apicSync;
    }

    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /** Simulated node → the ep-writer process serving it. */
    public Map<String, ServiceProcess> epWriters() {
        return Map.copyOf(epWriterOfNode);
    }

    public List<String> nodes() {
        return List.copyOf(epWriterOfNode.keySet());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Files.deleteIfExists(LocalSuiteState.fileIn(layout.var()));
        } catch (IOException e) {
            // best effort: a stale file names a dead pid, which the next run ignores
        }
        processes.forEach(p -> p.handle().destroy());
        for (ServiceProcess p : processes) {
            p.stop(Duration.ofSeconds(15));
        }
        if (kube != null) {
            kube.close();
        }
        if (apic != null) {
            apic.stop();
        }
        if (kafka != null) {
            kafka.close();
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // the pids it names are gone; the next run skips them
        }
    }
}
