package io.acicni.localrun.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseCallsTest {
    /** Hands a task out and then stalls before the worker starts it, as a descheduled thread would. */
    static final class SlowHandOutQueue extends LinkedBlockingQueue<Runnable> {
        final CountDownLatch handedOut = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Runnable take() throws InterruptedException {
            Runnable r = super.take();
            handedOut.countDown();
            release.await();
            return r;
        }
    }

    ThreadPoolExecutor pool;

    /** The count drops in the worker's finally, just after the call itself returned. */
    static boolean outstandingSettlesAtZero(PhaseCalls calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (calls.outstanding() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return calls.outstanding() == 0;
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aCallTakenFromTheQueueButNotStartedIsStillOutstanding() throws Exception {
        SlowHandOutQueue queue = new SlowHandOutQueue();
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue);
        pool.prestartAllCoreThreads();
        PhaseCalls calls = new PhaseCalls(pool);
        CountDownLatch ran = new CountDownLatch(1);

        calls.submit(ran::countDown);
        assertThat(queue.handedOut.await(5, TimeUnit.SECONDS)).isTrue();
        // what the drain used to ask: the pool looks idle, yet the call has not even started
        assertThat(pool.getQueue()).isEmpty();
        assertThat(pool.getActiveCount()).isZero();
        assertThat(calls.outstanding()).isEqualTo(1);

        queue.release.countDown();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(outstandingSettlesAtZero(calls)).isTrue();
    }

    @Test
    void callsNeverSentAreDroppedAndNoLongerOutstanding() throws Exception {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        PhaseCalls calls = new PhaseCalls(pool);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        calls.submit(() -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            calls.submit(() -> {
                throw new AssertionError("a dropped call ran");
            });
        }
        assertThat(calls.outstanding()).isEqualTo(4);

        assertThat(calls.dropUnsent()).isEqualTo(3);
        assertThat(calls.outstanding()).isEqualTo(1);
        release.countDown();
        assertThat(outstandingSettlesAtZero(calls)).isTrue();
    }
}
