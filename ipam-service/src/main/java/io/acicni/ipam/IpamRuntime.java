package io.acicni.ipam;

import io.acicni.ipam.allocator.IpamAllocator;
import io.acicni.ipam.config.EventSourceConfig;
import io.acicni.ipam.config.IpamConfig;
import io.acicni.ipam.engine.AllocationLoop;
import io.acicni.ipam.engine.AuditLog;
import io.acicni.ipam.engine.ChangeSink;
import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.engine.ClusterAddressing;
import io.acicni.ipam.engine.IpamEngine;
import io.acicni.ipam.engine.WorkQueue;
import io.acicni.ipam.kubernetes.ClusterWatch;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import io.acicni.ipam.kubernetes.KubernetesWriter;
import io.acicni.leader.Leadership;
import io.acicni.ipam.messaging.StateOutbox;
import io.acicni.ipam.metrics.IpamMetrics;
import io.acicni.ipam.restore.CompactedTopicReader;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.ControllerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Wires ipam-service at start: loads the controller-config, starts the informers, the allocation
 * loop and leader election. Only the leader's loop restores and allocates.
 */
@ApplicationScoped
public class IpamRuntime {
    private static final Logger LOG = Logger.getLogger(IpamRuntime.class);

    @Inject
    KubernetesClient client;
    @Inject
    IpamConfig config;
    @Inject
    EventSourceConfig source;
    @Inject
    StateOutbox outbox;
    @Inject
    IpamMetrics metrics;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private ClusterWatch watch;
    private AllocationLoop loop;
    private KubernetesWriteBack writeBack;
    private Leadership leadership;
    private CompactedTopicReader reader;

    void onStart(@Observes StartupEvent event) {
        ControllerConfig controller = loadControllerConfig(Path.of(config.controllerConfig()));
        Clock clock = Clock.systemUTC();
        WorkQueue queue = new WorkQueue();
        watch = new ClusterWatch(client, queue);
        writeBack = new KubernetesWriteBack(new KubernetesWriter(client, source.service(), clock,
                node -> watch.node(node).map(n -> n.getMetadata().getUid())));
        reader = new CompactedTopicReader(kafkaConfig);
        AuditLog audit = new AuditLog(source.service() + "/" + source.name(), clock);
        ChangeSink sink = new BatchSink(outbox::publish, writeBack);
        AllocationLoop.Restorer restorer = new AllocationLoop.Restorer() {
            @Override
            public IpamEngine restore(Changes changes) throws Exception {
                // a fresh transactional producer first: it fences the previous leader and aborts its open
                // transaction, so the topics read below hold everything that leader will ever commit
                outbox.open();
                writeBack.open(); // this term's Kubernetes writes, from the restore's own on
                awaitInformers(config.restoreTimeout());
                IpamEngine.RestoredState state = reader.read(config.restoreTimeout());
                ClusterAddressing addressing = ClusterAddressing.from(controller, config.quarantine(), clock);
                IpamEngine engine = new IpamEngine(addressing, new IpamAllocator(addressing.allocatorConfig()), watch, audit,
                        clock, config.repairGrace());
                engine.restore(state, changes);
                LOG.infof("Restored %d nodes, %d pods, %d services from Kafka; cluster has %d nodes, %d pods, %d services",
                        state.nodes().size(), state.pods().size(), state.services().size(),
                        watch.nodes().size(), watch.pods().size(), watch.services().size());
                return engine;
            }

            @Override
            public void standby() {
                writeBack.clear(); // the next leader writes what differs from what it restored
                outbox.close();
            }
        };
        // the cold Kafka producer (classes, config, metrics, connection) is built while Quarkus and the
        // informers start, so winning the lease only costs initTransactions (StateOutbox.prepare)
        Thread warmUp = new Thread(this::prepareOutbox, "ipam-outbox-prepare");
        warmUp.setDaemon(true);
        warmUp.start();
        loop = new AllocationLoop(queue, sink, restorer, metrics, config.maintainInterval(), config.maxBatch());
        loop.fencedWait(config.leaderElection() ? config.renewDeadline() : java.time.Duration.ZERO);
        metrics.bind(loop, queue, writeBack);
        loop.start();
        if (config.leaderElection()) {
            String namespace = config.leaseNamespace().orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
            leadership = new Leadership(client, "ipam-service", namespace, config.leaseName(), source.name(), config.leaseDuration(),
                    config.renewDeadline(), config.retryPeriod(), loop::becomeLeader, this::stepDown);
        } else {
            loop.becomeLeader();
        }
    }

    private void prepareOutbox() {
        try {
            outbox.prepare();
        } catch (RuntimeException e) {
            // open() creates the producer itself and reports what is wrong with the configuration
            LOG.debugf(e, "Preparing the transactional producer failed");
        }
        // then restore's consumer: usually while a new leader's initTransactions waits on the broker
        reader.prepare(config.restoreTimeout());
    }

    private void stepDown() {
        writeBack.clear(); // at once, and the batch the loop may be finishing writes nothing: the lease is gone
        loop.loseLeadership();
    }

    void onStop(@Observes ShutdownEvent event) {
        IpamShutdown.stop(loop == null ? null : loop::stop, writeBack, IpamShutdown.WRITE_GRACE, leadership,
                Arrays.asList(watch, reader));
    }

    private void awaitInformers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!watch.hasSynced()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("informers did not sync within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    static ControllerConfig loadControllerConfig(Path path) {
        try {
            return AciContainersConfig.controllerFromJson(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read controller-config " + path + " (acicni.ipam.controller-config): " + e.getMessage(), e);
        }
    }

    public AllocationLoop loop() {
        return loop;
    }

    /** The identity of the leader, if known (for "not the leader" answers). */
    public String leader() {
        return leadership == null ? source.name() : leadership.leader();
    }
}
