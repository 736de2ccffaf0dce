package io.acicni.ipam.engine;

import io.acicni.events.topic.Topic;
import io.acicni.ipam.BatchSink;
import io.acicni.ipam.allocator.IpamAllocator;
import io.acicni.ipam.kubernetes.HangingApiServer;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;
import io.acicni.netconfig.config.AciContainersConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationLoopTest {
    private final AtomicInteger restores = new AtomicInteger();
    private final AtomicInteger fencings = new AtomicInteger();
    private final AtomicInteger standbys = new AtomicInteger();
    private final FakeCluster cluster = new FakeCluster();
    private final WorkQueue queue = new WorkQueue();
    private AllocationLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** A loop whose first publish is fenced by another leader's producer, and whose later ones succeed. */
    private AllocationLoop loop(Duration fencedWait) {
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        return loop(fencedWait, changes -> {
            if (fencings.getAndIncrement() == 0) {
                throw new FencedException("transactional id taken over", null);
            }
        });
    }

    private AllocationLoop loop(Duration fencedWait, ChangeSink sink) {
        AllocationLoop.Restorer restorer = new AllocationLoop.Restorer() {
            @Override
            public IpamEngine restore(Changes out) throws Exception {
                restores.incrementAndGet();
                var controller = AciContainersConfig.controllerFromJson(Files.readString(Path.of("src/test/resources/controller.conf")));
                ClusterAddressing addressing = ClusterAddressing.from(controller, Duration.ofSeconds(30), Clock.systemUTC());
                IpamEngine engine = new IpamEngine(addressing, new IpamAllocator(addressing.allocatorConfig()), cluster,
                        new AuditLog("ipam-service/test", Clock.systemUTC()), Clock.systemUTC(), Duration.ofMinutes(2));
                engine.restore(IpamEngine.RestoredState.empty(), new Changes());
                return engine;
            }

            @Override
            public void standby() {
                standbys.incrementAndGet();
            }
        };
        AllocationLoop.Listener listener = new AllocationLoop.Listener() {
            @Override
            public void batch(int keys, long engineNanos, long sinkNanos) {
            }

            @Override
            public void podLatency(long nanosSinceFirstChange) {
            }

            @Override
            public void snapshot(IpamEngine engine) {
            }
        };
        AllocationLoop l = new AllocationLoop(queue, sink, restorer, listener, Duration.ofSeconds(5), 100);
        l.fencedWait(fencedWait);
        l.start();
        return l;
    }

    @Test
    void aFencedReplicaThatLosesTheLeaseMeanwhileNeverRestoresAndSoFencesNoOne() throws Exception {
        loop = loop(Duration.ofSeconds(30));
        loop.becomeLeader();
        assertThat(within(Duration.ofSeconds(10), () -> loop.state() == AllocationLoop.State.READY)).isTrue();
        queue.add(WorkKey.node("worker-1"));
        assertThat(within(Duration.ofSeconds(10), () -> fencings.get() == 1 && loop.state() == AllocationLoop.State.RESTORING)).isTrue();
        assertThat(loop.notReadyReason()).startsWith("fenced by another leader");
        assertThat(standbys.get()).as("the fenced term ends at once: its pending Kubernetes writes are dropped").isEqualTo(1);

        loop.loseLeadership();
        assertThat(within(Duration.ofSeconds(10), () -> loop.state() == AllocationLoop.State.STANDBY)).isTrue();
        Thread.sleep(300);
        assertThat(restores.get()).as("only the first term's restore: a second would fence the new leader").isEqualTo(1);
    }

    @Test
    void aFencedReplicaStillLeadingAfterTheWaitRestores() {
        loop = loop(Duration.ofMillis(400));
        loop.becomeLeader();
        assertThat(within(Duration.ofSeconds(10), () -> loop.state() == AllocationLoop.State.READY)).isTrue();
        long fencedAt = System.nanoTime();
        queue.add(WorkKey.node("worker-1"));
        assertThat(within(Duration.ofSeconds(10), () -> restores.get() == 2 && loop.state() == AllocationLoop.State.READY)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - fencedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    /**
     * ipam's own sink: a hanging node-annotation write (a slow or stuck API server) must not hold up
     * the next batches' pod addresses. Before 2026-11-27 the loop made the Kubernetes writes itself,
     * after each commit, and every pod of the cluster waited behind them.
     */
    @Test
    void podsGetTheirAddressesWhileANodeAnnotationWriteHangs() {
        cluster.addNode("worker-1", "192.168.51.11", "2600:1d18:f46:9605::11");
        cluster.addNode("worker-2", "192.168.51.12", "2600:1d18:f46:9605::12");
        HangingApiServer apiServer = new HangingApiServer(Duration.ofSeconds(30));
        KubernetesWriteBack writeBack = new KubernetesWriteBack(apiServer);
        List<String> published = new CopyOnWriteArrayList<>();
        try {
            loop = loop(Duration.ZERO, new BatchSink((records, audits) -> records.forEach(r -> published.add(r.topic() + " " + r.key())),
                    writeBack));
            loop.becomeLeader();
            assertThat(within(Duration.ofSeconds(10), () -> loop.state() == AllocationLoop.State.READY)).isTrue();
            queue.add(WorkKey.node("worker-1"));
            assertThat(within(Duration.ofSeconds(10), () -> apiServer.annotationAttempts() == 1)).as("the first write hangs").isTrue();

            // created after the restore (which brings every pod up to date itself); the loop is idle, the
            // queue hands the object over
            String pod = FakeCluster.key(cluster.addPod("default", "web-1", "worker-2"));
            queue.add(WorkKey.pod(pod));
            String uid = cluster.pods.get(pod).getMetadata().getUid();
            assertThat(within(Duration.ofSeconds(10), () -> published.contains(Topic.POD_ADDRESSING + " worker-2/" + uid)))
                    .as("the pod's addresses are committed while the API server still holds the first write: %s", published).isTrue();
            // worker-2 got its ranges in the restore (whose changes this test drops), so its pod moves no
            // chunk and asks for no annotation write: only worker-1's hanging one is there
            assertThat(writeBack.pending()).as("worker-1's write still in flight").isEqualTo(1);
        } finally {
            apiServer.answer();
            writeBack.close();
        }
    }

    private static boolean within(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
