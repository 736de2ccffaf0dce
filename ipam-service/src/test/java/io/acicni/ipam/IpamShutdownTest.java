package io.acicni.ipam;

import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The order ipam-service stops in: loop, then the committed batches' Kubernetes writes, then the lease. */
class IpamShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final CountDownLatch writeStarted = new CountDownLatch(1);
    private final CountDownLatch releaseWrite = new CountDownLatch(1);

    /** Node annotation writes block until released, and say when they are done. */
    private final KubernetesWriteBack writeBack = new KubernetesWriteBack(new KubernetesWriteBack.Writes() {
        @Override
        public boolean annotate(Changes.NodeAnnotations a) {
            writeStarted.countDown();
            try {
                if (!releaseWrite.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            steps.add("annotated " + a.node());
            return true;
        }

        @Override
        public boolean status(Changes.ServiceStatus s) {
            return true;
        }

        @Override
        public boolean event(Changes.ClusterEvent e) {
            return true;
        }
    });

    @AfterEach
    void cleanUp() {
        releaseWrite.countDown();
        writeBack.close();
    }

    private void submitAnnotation(String node) {
        Changes changes = new Changes();
        changes.annotate(new Changes.NodeAnnotations(node, "uid-" + node, Map.of("opflex.cisco.com/pod-network-ranges", "{}")));
        writeBack.submit(changes);
    }

    private CompletableFuture<Void> stopInBackground(Duration grace) {
        return CompletableFuture.runAsync(() -> IpamShutdown.stop(() -> steps.add("loop stopped"), writeBack, grace,
                () -> steps.add("lease released"), List.of(() -> steps.add("informers closed"))));
    }

    @Test
    void aCommittedBatchsWritesLandBeforeTheLeaseIsReleased() throws Exception {
        submitAnnotation("node-1");
        assertThat(writeStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> stopped = stopInBackground(WAIT);
        // the shutdown waits for the write in flight: the lease is still held
        Thread.sleep(300);
        assertThat(stopped).isNotDone();
        assertThat(steps).containsExactly("loop stopped");

        releaseWrite.countDown();
        stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(steps).containsExactly("loop stopped", "annotated node-1", "lease released", "informers closed");
    }

    @Test
    void aHungWriteDoesNotKeepTheLease() throws Exception {
        submitAnnotation("node-1");
        assertThat(writeStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        stopInBackground(Duration.ofMillis(200)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(steps).containsExactly("loop stopped", "lease released", "informers closed");
    }

    @Test
    void partsThatStartUpNeverCreatedAreSkipped() {
        IpamShutdown.stop(null, null, Duration.ofMillis(10), null, java.util.Arrays.asList(null, () -> steps.add("reader closed")));

        assertThat(steps).containsExactly("reader closed");
    }
}
