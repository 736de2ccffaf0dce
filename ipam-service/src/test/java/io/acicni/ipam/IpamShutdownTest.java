package io.acicni.ipam;

import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.kubernetes.HangingApiServer;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The order ipam-service stops in: loop, then the committed batches' Kubernetes writes, then the lease. */
class IpamShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final HangingApiServer apiServer = new HangingApiServer(WAIT);
    private final KubernetesWriteBack writeBack = new KubernetesWriteBack(apiServer);

    @AfterEach
    void cleanUp() {
        apiServer.answer();
        writeBack.close();
    }

    private void submitAnnotation(String node) {
        Changes changes = new Changes();
        changes.annotate(new Changes.NodeAnnotations(node, "uid-" + node, Map.of("opflex.cisco.com/pod-network-ranges", "{}")));
        writeBack.submit(changes);
    }

    private CompletableFuture<Void> stopInBackground(Duration grace) {
        return CompletableFuture.runAsync(() -> IpamShutdown.stop(() -> steps.add("loop stopped"), writeBack, grace,
                () -> steps.add("lease released, annotated " + apiServer.annotated()), List.of(() -> steps.add("informers closed"))));
    }

    @Test
    void aCommittedBatchsWritesLandBeforeTheLeaseIsReleased() throws Exception {
        submitAnnotation("node-1");
        await().atMost(WAIT).until(() -> apiServer.annotationAttempts() == 1);

        CompletableFuture<Void> stopped = stopInBackground(WAIT);
        // the shutdown waits for the write in flight: the lease is still held
        Thread.sleep(300);
        assertThat(stopped).isNotDone();
        assertThat(steps).containsExactly("loop stopped");

        apiServer.answer();
        stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(steps).containsExactly("loop stopped", "lease released, annotated [node-1]", "informers closed");
    }

    @Test
    void aHungWriteDoesNotKeepTheLease() throws Exception {
        submitAnnotation("node-1");
        await().atMost(WAIT).until(() -> apiServer.annotationAttempts() == 1);

        stopInBackground(Duration.ofMillis(200)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(steps).containsExactly("loop stopped", "lease released, annotated []", "informers closed");
    }

    @Test
    void partsThatStartUpNeverCreatedAreSkipped() {
        IpamShutdown.stop(null, null, Duration.ofMillis(10), null, java.util.Arrays.asList(null, () -> steps.add("reader closed")));

        assertThat(steps).containsExactly("reader closed");
    }
}
