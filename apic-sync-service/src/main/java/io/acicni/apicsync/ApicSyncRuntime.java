package io.acicni.apicsync;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.CertificateCredentials;
import io.acicni.apic.client.PartialApplyException;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.RetryPolicy;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.Ownership;
import io.acicni.apicsync.config.ApicSyncConfig;
import io.acicni.apicsync.desired.ObservedAddressing;
import io.acicni.apicsync.messaging.AddressingListener;
import io.acicni.apicsync.messaging.AuditPublisher;
import io.acicni.apicsync.messaging.CatchUp;
import io.acicni.apicsync.reconcile.DesiredFabric;
import io.acicni.apicsync.reconcile.FabricNames;
import io.acicni.apicsync.reconcile.FabricReconciler;
import io.acicni.apicsync.reconcile.ObjectCounts;
import io.acicni.apicsync.reconcile.StaticFabric;
import io.acicni.apicsync.reconcile.SyncLoop;
import io.acicni.leader.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Wires apic-sync-service: the APIC client, the desired fabric (static objects from provision's
 * output + the addressing topics), the reconcile loop, leader election. Only the leader, and only
 * once it has read the compacted topics to their end, writes to the APIC.
 */
@ApplicationScoped
public class ApicSyncRuntime {
    private static final Logger LOG = Logger.getLogger(ApicSyncRuntime.class);

    @Inject
    ApicSyncConfig config;
    @Inject
    ObservedAddressing observed;
    @Inject
    KafkaClientService kafkaClients;
    @Inject
    KubernetesClient kubernetes;
    @Inject
    AuditPublisher audit;
    @Inject
    AddressingListener listener;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "acicni.instance.name")
    String instance;

    private ApicClient client;
    private SyncLoop loop;
    private Leadership leadership;
    private CatchUp catchUp;
    private volatile boolean leader;
    private volatile String lastError = "no reconcile pass yet";
    private volatile ChangeSet lastChanges;

    void onStart(@Observes StartupEvent event) {
        client = new ApicClient(clientConfig());
        StaticFabric fabric = StaticFabric.fromProvisionOutput(read(Path.of(config.fabricObjects())));
        Ownership ownership = new Ownership(config.systemId(), Ownership.Mode.TAG);
        FabricNames names = new FabricNames(config.systemId(), config.l3outTenant(), config.l3out(), config.tenant());
        FabricReconciler reconciler = new FabricReconciler(client, new DesiredFabric(fabric, names, ownership), ownership);
        catchUp = new CatchUp(kafkaClients, List.of(AddressingListener.NODE_CHANNEL, AddressingListener.SERVICE_CHANNEL), listener::processedNext);
        registry.gauge("acicni_apic_last_pass_writes", this, r -> r.lastChanges == null ? 0 : r.lastChanges.writeCount());
        registry.gauge("acicni_apic_in_sync", this, r -> r.lastError == null ? 1 : 0);
        Timer duration = Timer.builder("acicni_apic_reconcile_seconds").description("Duration of a reconcile pass").register(registry);
        loop = new SyncLoop(() -> reconciler.reconcile(observed.nodes(), observed.services()), new SyncLoop.Listener() {
            @Override
            public void succeeded(ChangeSet changes, long nanos) {
                duration.record(Duration.ofNanos(nanos));
                lastError = null;
                lastChanges = changes;
                audit.changes(changes);
                objects(reconciler.desiredByClass(), ObjectCounts.pending(changes));
            }

            @Override
            public void failed(Exception error, Duration retryIn) {
                if (error instanceof PartialApplyException partial) {
                    // made before the failure: the next pass finds them in sync and would never report them
                    audit.changes(partial.applied());
                }
                lastError = "APIC reconcile failed: " + error.getMessage() + "; retrying in " + retryIn;
            }
        }, () -> leader && catchUp.caughtUp(), config.resyncInterval(), config.debounce(), config.maxBackoff());
        observed.onChange(loop::trigger);
        loop.start();
        if (config.leaderElection()) {
            String namespace = config.leaseNamespace().orElseGet(() -> kubernetes.getNamespace() == null ? "default" : kubernetes.getNamespace());
            leadership = new Leadership(kubernetes, "apic-sync-service", namespace, config.leaseName(), instance,
                    config.leaseDuration(), config.renewDeadline(), config.retryPeriod(),
                    () -> {
                        leader = true;
                        loop.trigger();
                    },
                    () -> leader = false);
        } else {
            leader = true;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (leadership != null) {
            leadership.close();
        }
        if (loop != null) {
            loop.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    private ApicClientConfig clientConfig() {
        ApicClientConfig.Builder b = ApicClientConfig.builder().hosts(config.hosts()).rateLimit(config.rateLimit(), (int) Math.ceil(config.rateLimit() * 2))
                .retry(new RetryPolicy(config.retries(), config.retryBase(), config.retryMax(), 0.2))
                .listener((host, method, path, status, took) ->
                        registry.counter("acicni_apic_requests_total", "method", method, "status", Integer.toString(status)).increment());
        if (config.privateKey().isPresent()) {
            b.credentials(CertificateCredentials.fromFile(config.username(), Path.of(config.privateKey().get())));
        } else {
            b.credentials(new PasswordCredentials(config.username(), config.password().orElseThrow(() -> new IllegalStateException(
                    "acicni.apic-sync.password (env ACICNI_APIC_SYNC_PASSWORD) or acicni.apic-sync.private-key is required")).toCharArray()));
        }
        if (config.insecureSkipTlsVerify()) {
            LOG.warn("TLS verification of the APIC is OFF (acicni.apic-sync.insecure-skip-tls-verify=true): anyone on the path can read the APIC session");
            b.tls(TlsSettings.insecureTrustAll());
        } else {
            b.tls(config.caBundle().map(p -> TlsSettings.caBundle(Path.of(p))).orElse(TlsSettings.systemDefault()));
        }
        return b.build();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fabric objects " + path + " (acicni.apic-sync.fabric-objects): " + e.getMessage(), e);
        }
    }

    private final java.util.Map<String, Double> objectGauges = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code acicni_apic_objects{class,state}}: owned objects per class that the last pass found in
     * sync, and those it had to write (pending until that pass, written by it).
     */
    private void objects(java.util.Map<String, Integer> desired, java.util.Map<String, Integer> pending) {
        java.util.Set<String> classes = new java.util.TreeSet<>(desired.keySet());
        classes.addAll(pending.keySet());
        for (String cls : classes) {
            int p = pending.getOrDefault(cls, 0);
            gauge(cls, "pending", p);
            gauge(cls, "in_sync", Math.max(0, desired.getOrDefault(cls, 0) - p));
        }
    }

    private void gauge(String cls, String state, double value) {
        String id = cls + "|" + state;
        if (objectGauges.put(id, value) == null) {
            io.micrometer.core.instrument.Gauge.builder("acicni_apic_objects", objectGauges, m -> m.getOrDefault(id, 0.0))
                    .tag("class", cls).tag("state", state).register(registry);
        }
    }

    /** Null when the last pass succeeded; else why the APIC is not in sync. */
    public String lastError() {
        return lastError;
    }

    public boolean isLeader() {
        return leader;
    }

    public boolean caughtUp() {
        return catchUp != null && catchUp.caughtUp();
    }

    public ChangeSet lastChanges() {
        return lastChanges;
    }
}
