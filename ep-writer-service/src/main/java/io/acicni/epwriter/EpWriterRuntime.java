package io.acicni.epwriter;

import io.acicni.epwriter.cni.CniService;
import io.acicni.epwriter.cni.CniTokens;
import io.acicni.epwriter.cni.SandboxStore;
import io.acicni.epwriter.config.EpWriterConfig;
import io.acicni.epwriter.config.ResolvedSettings;
import io.acicni.epwriter.files.FsyncPolicy;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.messaging.AddressingFeed;
import io.acicni.epwriter.messaging.KafkaOutbox;
import io.acicni.epwriter.messaging.RecordHandler;
import io.acicni.epwriter.nodecheck.NodeCheckReport;
import io.acicni.epwriter.nodecheck.NodeChecks;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.sync.FileEvents;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.epwriter.sync.NodeFileSync;
import io.acicni.epwriter.sync.SyncReport;
import io.acicni.epwriter.sync.SyncScheduler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the plain-Java parts together at startup: settings, state, one {@link NodeFileSync} per served
 * node, the scheduler, the Kafka feed, the CNI service and the node checks. Everything is reached
 * through methods (callers get a client proxy).
 */
@ApplicationScoped
public class EpWriterRuntime {
    private static final Logger LOG = Logger.getLogger(EpWriterRuntime.class);

    @Inject
    EpWriterConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private ResolvedSettings settings;
    private AddressingState state;
    private final Map<String, NodeFileSync> syncs = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private SyncScheduler scheduler;
    private AddressingFeed feed;
    private KafkaOutbox outbox;
    private CniService cni;
    private NodeChecks nodeChecks;

    void onStart(@Observes StartupEvent event) {
        settings = ResolvedSettings.resolve(config);
        List<String> nodes = settings.nodes().stream().map(NodeDirs::node).toList();
        String instance = config.instance().or(() -> Optional.ofNullable(System.getenv("HOSTNAME"))).orElse(nodes.get(0));
        String actor = "ep-writer-service/" + instance;
        outbox = new KafkaOutbox(kafkaConfig, "/acicni/ep-writer-service/" + instance);
        for (String topic : outbox.notPublished().keySet()) {
            FunctionCounter.builder("acicni.epwriter.kafka.not.published", outbox, o -> o.notPublished().get(topic))
                    .description("Audit events and dead letters whose send to Kafka failed (logged, not retried)")
                    .tag("topic", topic).register(registry);
        }
        FileEvents events = new FileEvents(outbox::audit, registry, actor, Clock.systemUTC());

        state = new AddressingState(nodes);
        DirectoryReconciler reconciler = DirectoryReconciler.of(config.fsync());
        Map<String, SandboxStore> stores = new LinkedHashMap<>();
        Map<String, NodeDirs> dirs = new LinkedHashMap<>();
        for (NodeDirs node : settings.nodes()) {
            dirs.put(node.node(), node);
            SandboxStore store = new SandboxStore(node.metadataDir(), config.fsync() == FsyncPolicy.PER_FILE);
            stores.put(node.node(), store);
            for (Sandbox sandbox : store.load()) {
                state.putSandbox(node.node(), sandbox);
            }
            tokens.put(node.node(), CniTokens.loadOrCreate(node.metadataDir()));
            syncs.put(node.node(), new NodeFileSync(node, state, settings.files(), config.synthesizeSandboxes(), reconciler, events, Clock.systemUTC()));
        }
        scheduler = new SyncScheduler(syncs, config.debounce(), config.resyncInterval());
        state.onChange(scheduler::mark);
        cni = new CniService(state, scheduler, dirs, stores, settings.files(), config.cni().addTimeout(), events);
        nodeChecks = new NodeChecks(Path.of(config.nodeCheck().routeFile()), Path.of(config.nodeCheck().ipv6RouteFile()),
                Path.of(config.nodeCheck().ipv6ForwardingFile()));

        feed = new AddressingFeed(kafkaConfig, nodes, new RecordHandler(state), outbox, new AddressingFeed.FeedListener() {
            @Override
            public void applied(String topic) {
                registry.counter("acicni.epwriter.records", "topic", topic, "outcome", "applied").increment();
            }

            @Override
            public void skippedOtherNode(String topic) {
                registry.counter("acicni.epwriter.records", "topic", topic, "outcome", "other-node").increment();
            }

            @Override
            public void rejected(String topic, Exception reason) {
                registry.counter("acicni_events_rejected_total", "topic", topic).increment();
                FileEvents.countError(registry, "record", FileEvents.NO_KIND);
            }
        }, scheduler::start);
        for (String topic : feed.topics()) {
            Gauge.builder("acicni.epwriter.lag.records", feed, f -> f.lag(topic))
                    .description("records not yet read from the assigned partitions; -1 until known")
                    .tag("topic", topic).register(registry);
        }
        feed.start();
        LOG.infof("ep-writer serving nodes %s: %s", nodes, settings.nodes());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (feed != null) {
            feed.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (outbox != null) {
            outbox.close();
        }
    }

    public ResolvedSettings settings() {
        return settings;
    }

    public AddressingState state() {
        return state;
    }

    public CniService cni() {
        return cni;
    }

    /** The CNI token of a node, or null when the node is not served. */
    public String cniToken(String node) {
        return tokens.get(node);
    }

    /** Whether the state topics have been read to their end and files are being written. */
    public boolean writing() {
        return scheduler != null && scheduler.started();
    }

    /** A change of the node-partitioned topics' partition count the feed cannot follow, or empty. */
    public Optional<String> partitionProblem() {
        return Optional.ofNullable(feed == null ? null : feed.partitionProblem());
    }

    /** Why the addressing state read from Kafka can no longer be trusted (restart needed), or empty. */
    public Optional<String> stateLost() {
        return Optional.ofNullable(feed == null ? null : feed.stateLost());
    }

    public Map<String, Long> lag() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (feed != null) {
            feed.topics().forEach(t -> out.put(t, feed.lag(t)));
        }
        return out;
    }

    public Map<String, SyncReport> lastSyncs() {
        Map<String, SyncReport> out = new LinkedHashMap<>();
        syncs.forEach((node, sync) -> out.put(node, sync.lastReport()));
        return out;
    }

    /** Runs a sync pass of a node now (tests, diagnostics). */
    public SyncReport syncNow(String node) {
        return scheduler.syncNow(node);
    }

    public NodeCheckReport nodeChecks() {
        return nodeChecks.run(settings.nodes(), state);
    }
}
