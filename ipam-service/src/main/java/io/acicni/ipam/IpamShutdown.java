package io.acicni.ipam;

import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * The order in which ipam-service stops (plain Java, so that the order is tested: IpamShutdownTest).
 * <ol>
 *   <li>The allocation loop stops: no batch after this one, so no new Kubernetes writes.</li>
 *   <li>The Kubernetes writes of batches already committed in Kafka get up to {@code grace} to land
 *   (node annotations, LoadBalancer statuses, Events), while this replica still holds the lease, so a
 *   rolling update does not leave them to the next leader's restore.</li>
 *   <li>The lease is released, so the next leader need not wait for it to expire. A write that hangs
 *   (API server unreachable) holds it for the grace and at most the writer thread's join (5 s) more,
 *   never until the lease expires.</li>
 *   <li>The rest (informers, the restore consumer) closes.</li>
 * </ol>
 * Any part may be null: start-up may have failed before creating it.
 */
final class IpamShutdown {
    private static final Logger LOG = Logger.getLogger(IpamShutdown.class);

    /** How long committed batches' Kubernetes writes may take at shutdown. */
    static final Duration WRITE_GRACE = Duration.ofSeconds(2);

    private IpamShutdown() {
    }

    static void stop(Runnable stopLoop, KubernetesWriteBack writeBack, Duration grace, AutoCloseable lease, List<AutoCloseable> rest) {
        if (stopLoop != null) {
            stopLoop.run();
        }
        if (writeBack != null) {
            int left = writeBack.close(grace);
            if (left > 0) {
                LOG.warnf("%d Kubernetes write(s) still pending after %d ms at shutdown, given up: the next leader's restore "
                        + "writes what differs", left, grace.toMillis());
            }
        }
        closeQuietly(lease);
        rest.forEach(IpamShutdown::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warnf(e, "Closing %s at shutdown failed", closeable.getClass().getSimpleName());
        }
    }
}
