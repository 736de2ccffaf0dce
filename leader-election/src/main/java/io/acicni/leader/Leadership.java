package io.acicni.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Leader election on a coordination.k8s.io Lease with fabric8's LeaderElector: only the holder
 * allocates. A standby takes over within the lease duration after the leader stops renewing.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final CompletableFuture<?> elector;
    private volatile String leader;

    public Leadership(KubernetesClient client, String name, String namespace, String leaseName, String identity,
                      Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                      Runnable onStart, Runnable onStop) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    LOG.infof("%s is now the leader (lease %s/%s)", identity, namespace, leaseName);
                    onStart.run();
                },
                () -> {
                    LOG.warnf("%s lost the leadership (lease %s/%s)", identity, namespace, leaseName);
                    onStop.run();
                },
                newLeader -> leader = newLeader);
        LeaderElectionConfig config = new LeaderElectionConfig(new LeaseLock(namespace, leaseName, identity),
                leaseDuration, renewDeadline, retryPeriod, callbacks, true, name);
        this.elector = new LeaderElectorBuilder(client, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-leader-election");
            t.setDaemon(true);
            return t;
        })).withConfig(config).build().start();
    }

    /** The identity of the current leader, as last observed. */
    public String leader() {
        return leader;
    }

    @Override
    public void close() {
        elector.cancel(true);
    }
}
