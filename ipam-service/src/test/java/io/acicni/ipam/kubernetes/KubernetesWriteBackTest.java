package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.Changes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KubernetesWriteBackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records every attempt; a predicate decides which attempts fail; annotations of "slow" block until released. */
    private static final class RecordingWrites implements KubernetesWriteBack.Writes {
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<String> written = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile Predicate<String> fails = s -> false;

        @Override
        public boolean annotate(Changes.NodeAnnotations a) {
            String what = a.node() + "=" + a.annotations().get("v");
            if (a.node().equals("slow")) {
                blocked.countDown();
                try {
                    release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return record(what);
        }

        @Override
        public boolean status(Changes.ServiceStatus s) {
            return record("service " + s.namespace() + "/" + s.name() + "=" + s.ingressIps());
        }

        @Override
        public boolean event(Changes.ClusterEvent e) {
            if (e.reason().equals("Throws")) {
                attempts.add("event " + e.reason());
                throw new IllegalStateException("client closed");
            }
            return record("event " + e.reason());
        }

        private boolean record(String what) {
            attempts.add(what);
            if (fails.test(what)) {
                return false;
            }
            written.add(what);
            return true;
        }
    }

    private final RecordingWrites writes = new RecordingWrites();
    private final KubernetesWriteBack writeBack = new KubernetesWriteBack(writes);

    @AfterEach
    void close() {
        writes.release.countDown();
        writeBack.close();
    }

    private static Changes annotate(String node, String value) {
        Changes c = new Changes();
        c.annotate(new Changes.NodeAnnotations(node, null, Map.of("v", value)));
        return c;
    }

    private static Changes event(String reason) {
        Changes c = new Changes();
        c.event(new Changes.ClusterEvent("Pod", "default", "web-1", "uid-1", "Warning", reason, "message"));
        return c;
    }

    @Test
    void submitReturnsWhileTheApiServerHangsAndOnlyTheLatestValueOfAnObjectIsWrittenAfterIt() throws Exception {
        writeBack.submit(annotate("slow", "1"));
        assertThat(writes.blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        // the allocation loop's calls return although the writer is stuck in the API server
        writeBack.submit(annotate("slow", "2"));
        writeBack.submit(annotate("node-b", "1"));
        writeBack.submit(annotate("slow", "3"));
        assertThat(writeBack.pending()).isEqualTo(3); // in flight, slow=3 (replaced slow=2), node-b=1

        writes.release.countDown();
        assertThat(writeBack.awaitIdle(WAIT)).isTrue();
        assertThat(writes.written).containsExactly("slow=1", "slow=3", "node-b=1");
    }

    @Test
    void aFailedWriteIsTriedAgainAfterABackOffWithoutSpinning() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        writes.fails = s -> s.startsWith("node-a=") && failuresLeft.getAndDecrement() > 0;
        writeBack.submit(annotate("node-a", "1"));
        await().atMost(WAIT).until(() -> writes.written.contains("node-a=1"));
        assertThat(writes.attempts).containsExactly("node-a=1", "node-a=1", "node-a=1");
        assertThat(writeBack.failures()).isEqualTo(2);

        // one that keeps failing is attempted at 0, 0.2, 0.6, 1.4 s ...: again and again, but not in a loop
        writes.fails = s -> s.startsWith("node-c=");
        writeBack.submit(annotate("node-c", "1"));
        await().atMost(WAIT).until(() -> attemptsOf("node-c=") >= 2);
        long start = System.nanoTime();
        long before = attemptsOf("node-c=");
        Thread.sleep(1000);
        long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
        assertThat(attemptsOf("node-c=") - before).as("attempts in %d s", seconds).isLessThanOrEqualTo(3 * seconds);
        assertThat(writeBack.pending()).isEqualTo(1);
    }

    private long attemptsOf(String prefix) {
        return writes.attempts.stream().filter(s -> s.startsWith(prefix)).count();
    }

    @Test
    void aNewerValueReplacesOneThatKeepsFailing() throws Exception {
        writes.fails = s -> s.equals("node-a=1");
        writeBack.submit(annotate("node-a", "1"));
        await().atMost(WAIT).until(() -> writeBack.failures() >= 1);
        writeBack.submit(annotate("node-a", "2"));
        await().atMost(WAIT).until(() -> writes.written.contains("node-a=2"));
        assertThat(writeBack.awaitIdle(WAIT)).isTrue();
        Thread.sleep(500); // past the back-off of value 1: it must not come back
        assertThat(writes.attempts).doesNotContainSequence("node-a=2", "node-a=1");
        assertThat(writes.written).containsExactly("node-a=2");
    }

    @Test
    void anEventIsGivenUpAfterThreeFailedAttemptsAndCounted() throws Exception {
        writes.fails = s -> s.equals("event Refused");
        writeBack.submit(event("Refused"));
        await().atMost(WAIT).until(() -> writeBack.droppedEvents() == 1);
        assertThat(writes.attempts).containsExactly("event Refused", "event Refused", "event Refused");
        assertThat(writeBack.pending()).isZero();
    }

    @Test
    void aWriteThatThrowsIsAFailureAndTheWriterGoesOn() {
        writeBack.submit(event("Throws"));
        writeBack.submit(annotate("node-a", "1"));
        await().atMost(WAIT).until(() -> writes.written.contains("node-a=1"));
        await().atMost(WAIT).until(() -> writeBack.droppedEvents() == 1);
        assertThat(writeBack.failures()).isEqualTo(3);
    }

    @Test
    void eventsBeyondTheLimitAreDroppedAndCountedButObjectWritesAreNot() throws Exception {
        writeBack.submit(annotate("slow", "1"));
        assertThat(writes.blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (int i = 0; i < KubernetesWriteBack.MAX_PENDING_EVENTS + 5; i++) {
            writeBack.submit(event("E" + i));
        }
        writeBack.submit(annotate("node-b", "1"));
        assertThat(writeBack.droppedEvents()).isEqualTo(5);
        writes.release.countDown();
        assertThat(writeBack.awaitIdle(WAIT)).isTrue();
        assertThat(writes.written).hasSize(1 + KubernetesWriteBack.MAX_PENDING_EVENTS + 1).contains("node-b=1");
    }

    @Test
    void clearDropsWhatIsPendingAndAFailedWriteOfTheEndedTermIsNotTriedAgain() throws Exception {
        writes.fails = s -> s.equals("slow=1");
        writeBack.submit(annotate("slow", "1"));
        assertThat(writes.blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        writeBack.submit(annotate("node-b", "1"));
        writeBack.clear(); // the term ends while slow=1 is in flight
        writes.release.countDown();
        assertThat(writeBack.awaitIdle(WAIT)).isTrue();
        Thread.sleep(500); // past the first back-off
        assertThat(writes.attempts).containsExactly("slow=1");
        assertThat(writes.written).isEmpty();

        writeBack.submit(annotate("node-b", "late")); // a batch the loop was still finishing when the term ended
        assertThat(writeBack.pending()).isZero();

        writeBack.open();
        writeBack.submit(annotate("node-b", "2")); // the next term writes as usual
        assertThat(writeBack.awaitIdle(WAIT)).isTrue();
        assertThat(writes.written).containsExactly("node-b=2");
    }
}
