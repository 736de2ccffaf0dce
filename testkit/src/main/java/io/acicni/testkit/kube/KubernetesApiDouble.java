package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API server for tests and the local run: the fabric8 mock server in CRUD mode on a
 * free loopback port (plain HTTP), with an indexed store ({@link IndexedCrudDispatcher}: a request
 * costs the same however many objects are stored), plus the control-plane parts the mock server lacks, each played by
 * a controller on the double's own client: cluster IP allocation ({@link ServiceIpRules}, inside
 * the Service create as on a real API server, and on later changes),
 * EndpointSlices, a round-robin scheduler and, when a {@link CniPlugin} is given, every node's kubelet.
 *
 * <pre>{@code
 * try (KubernetesApiDouble kube = KubernetesApiDouble.builder().cniPlugin(plugin).build().start()) {
 *     new ClusterLoader(kube.client()).applySample();
 *     ... point services at kube.url() (or kube.writeKubeconfig(path)) ...
 * }
 * }</pre>
 */
public final class KubernetesApiDouble implements AutoCloseable {
    /** The mock server logs every request at INFO; kept quiet (a strong reference keeps the level). */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** How often the mock server's log of received requests is emptied. */
    static final Duration REQUEST_LOG_DRAIN = Duration.ofSeconds(1);

    private final ServiceCidrs serviceCidrs;
    private final CniPlugin cniPlugin;
    private final boolean scheduler;
    private final int kubeletThreads;
    private final int port;
    private final Duration requestLogDrain;

    private KubernetesMockServer server;
    private MockWebServer webServer;
    private ScheduledExecutorService drain;
    private ServiceAllocatingDispatcher dispatcher;
    private NamespacedKubernetesClient client;
    private ServiceIpController serviceIps;
    private EndpointSliceController endpointSlices;
    private PodScheduler podScheduler;
    private Kubelet kubelet;
    private SharedIndexInformer<Pod> pods;

    private KubernetesApiDouble(Builder b) {
        this.serviceCidrs = b.serviceCidrs;
        this.cniPlugin = b.cniPlugin;
        this.scheduler = b.scheduler;
        this.kubeletThreads = b.kubeletThreads;
        this.port = b.port;
        this.requestLogDrain = b.requestLogDrain;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server and the controllers; returns this. */
    public synchronized KubernetesApiDouble start() {
        if (server != null) {
            throw new IllegalStateException("already started at " + url());
        }
        ClusterIpAllocator allocator = new ClusterIpAllocator(serviceCidrs);
        dispatcher = new ServiceAllocatingDispatcher(allocator);
        webServer = new MockWebServer();
        server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), port);
        // MockWebServer keeps every request (with its body) in an unbounded queue for takeRequest();
        // nothing here reads it, and over a benchmark it grows by megabytes per second
        if (!requestLogDrain.isZero()) {
            drain = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kube-api-double-request-log-drain");
                t.setDaemon(true);
                return t;
            });
            drain.scheduleWithFixedDelay(webServer::reset, requestLogDrain.toMillis(), requestLogDrain.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        client = server.createClient();
        try {
            serviceIps = new ServiceIpController(client, allocator);
            serviceIps.start();
            // one pod informer for every controller: each pod event is sent and deserialised once in this JVM, not once per controller
            pods = client.pods().inAnyNamespace().runnableInformer(0);
            endpointSlices = new EndpointSliceController(client, serviceCidrs, pods);
            endpointSlices.start();
            if (scheduler) {
                podScheduler = new PodScheduler(client, pods);
                podScheduler.start();
            }
            if (cniPlugin != null) {
                kubelet = new Kubelet(client, pods, cniPlugin, kubeletThreads);
                kubelet.start();
            }
            pods.run(); // every handler is registered: list, then watch (returns once synced)
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the API server URL (for {@code quarkus.kubernetes-client.api-server-url}). */
    public String url() {
        requireStarted();
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** The double's own client (full access). */
    public KubernetesClient client() {
        requireStarted();
        return client;
    }

    public ServiceCidrs serviceCidrs() {
        return serviceCidrs;
    }

    /** Writes a kubeconfig pointing at this server and returns its path. */
    public Path writeKubeconfig(Path file) {
        return KubeconfigFile.write(file, url());
    }

    /** The kubelet's sandboxes (pod uid to container id), empty without a CNI plugin. */
    public java.util.Map<String, String> containerIds() {
        if (kubelet == null) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        kubelet.sandboxes().forEach((uid, s) -> out.put(uid, s.containerId()));
        return out;
    }

    /** The dispatcher's indexed object store (for tests: how many entries requests visit). */
    IndexedStore store() {
        requireStarted();
        return dispatcher.store();
    }

    /** Requests the mock server has recorded since its log was last emptied. */
    int recordedRequests() {
        requireStarted();
        return server.getRequestCount();
    }

    /** Takes the requests recorded so far out of the mock server's log (for tests; see {@link Builder#requestLogDrain}). */
    List<RecordedRequest> takeRecordedRequests() {
        requireStarted();
        List<RecordedRequest> out = new ArrayList<>();
        try {
            for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS); r != null;
                 r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
                out.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    Optional<Kubelet> kubelet() {
        return Optional.ofNullable(kubelet);
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the Kubernetes API double is not started");
        }
    }

    /** Stops the controllers, the client and the server. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[]{kubelet, podScheduler, endpointSlices, serviceIps}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
        kubelet = null;
        podScheduler = null;
        endpointSlices = null;
        serviceIps = null;
        if (pods != null) {
            pods.close();
            pods = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (drain != null) {
            drain.shutdownNow();
            drain = null;
        }
        if (server != null) {
            server.destroy();
            server = null;
            webServer = null;
            dispatcher = null;
        }
    }

    public static final class Builder {
        private ServiceCidrs serviceCidrs = ServiceCidrs.defaults();
        private CniPlugin cniPlugin;
        private boolean scheduler = true;
        private int kubeletThreads = 4;
        private int port;
        private Duration requestLogDrain = REQUEST_LOG_DRAIN;

        private Builder() {
        }

        /** How often the mock server's request log is emptied; {@link Duration#ZERO} keeps every request (tests that count them). */
        Builder requestLogDrain(Duration every) {
            if (every.isNegative()) {
                throw new IllegalArgumentException("requestLogDrain must not be negative, got " + every);
            }
            this.requestLogDrain = every;
            return this;
        }

        /** Default: 10.96.0.0/16 then fd00:96::/108. */
        public Builder serviceCidrs(ServiceCidrs cidrs) {
            this.serviceCidrs = cidrs;
            return this;
        }

        /** The kubelet's CNI plugin; without one there is no kubelet and pods stay Pending. */
        public Builder cniPlugin(CniPlugin plugin) {
            this.cniPlugin = plugin;
            return this;
        }

        /** Whether pods without a node get one (default true). */
        public Builder scheduler(boolean enabled) {
            this.scheduler = enabled;
            return this;
        }

        /** How many CNI calls run at once (default 4). */
        public Builder kubeletThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("kubeletThreads must be at least 1, got " + threads);
            }
            this.kubeletThreads = threads;
            return this;
        }

        /** 0 (default) = a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public KubernetesApiDouble build() {
            return new KubernetesApiDouble(this);
        }
    }
}
