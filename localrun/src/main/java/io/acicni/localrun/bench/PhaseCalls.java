package io.acicni.localrun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's API calls of one phase, handed to the client threads: how many have not returned yet.
 * A phase's drain waits for this count and for the files, not for the pool to look idle: a call a
 * client thread has taken from the queue but not yet started is neither queued nor "active" to
 * {@link ThreadPoolExecutor}, so a drain that asked the pool could end before the phase's last call
 * had even registered what it expects, and count it as timed out (seen in find-max runs: the last
 * delete of a step reported "still there", its file removed 70 ms later).
 */
final class PhaseCalls {
    private final ThreadPoolExecutor pool;
    private final AtomicLong outstanding = new AtomicLong();

    PhaseCalls(ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    void submit(Runnable call) {
        outstanding.incrementAndGet();
        try {
            pool.execute(() -> {
                try {
                    call.run();
                } finally {
                    outstanding.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            outstanding.decrementAndGet();
            throw e;
        }
    }

    /** Calls submitted that have neither returned nor been dropped. */
    long outstanding() {
        return outstanding.get();
    }

    /** Removes the calls still queued, never sent to the API, and returns how many there were. */
    int dropUnsent() {
        List<Runnable> unsent = new ArrayList<>();
        pool.getQueue().drainTo(unsent);
        outstanding.addAndGet(-unsent.size());
        return unsent.size();
    }
}
