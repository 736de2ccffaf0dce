package io.acicni.apicsync.reconcile;

import io.acicni.apic.diff.ChangeSet;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The reconcile thread: a pass after events (debounced, so a burst costs one pass), a full pass
 * every resync interval, and retries with exponential backoff while the APIC fails. Passes never
 * overlap. Only runs passes while {@code canRun} (leader and caught up with the topics).
 *
 * <p>Concurrency rule: {@link #trigger()} may be called from any thread; everything else runs on
 * the loop's own thread.
 */
public final class SyncLoop {
    private static final Logger LOG = Logger.getLogger(SyncLoop.class);

    /** One pass; returns what it wrote. */
    public interface Pass {
        ChangeSet run() throws Exception;
    }

    /** Observes passes (metrics, audit, health). */
    public interface Listener {
        void succeeded(ChangeSet changes, long nanos);

        void failed(Exception error, Duration retryIn);
    }

    private final Pass pass;
    private final Listener listener;
    private final BooleanSupplier canRun;
    private final Duration resync;
    private final Duration debounce;
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private boolean pending = true;
    private volatile boolean running = true;

    public SyncLoop(Pass pass, Listener listener, BooleanSupplier canRun, Duration resync, Duration debounce, Duration maxBackoff) {
        this.pass = pass;
        this.listener = listener;
        this.canRun = canRun;
        this.resync = resync;
        this.debounce = debounce;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "apic-sync-loop");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something changed: run a pass soon. */
    public void trigger() {
        lock.lock();
        try {
            pending = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        long nextResync = System.nanoTime() + resync.toNanos();
        while (running) {
            try {
                waitForWork(nextResync);
                if (!canRun.getAsBoolean()) {
                    Thread.sleep(200);
                    trigger();
                    continue;
                }
                Thread.sleep(debounce.toMillis());
                lock.lock();
                try {
                    pending = false;
                } finally {
                    lock.unlock();
                }
                long start = System.nanoTime();
                ChangeSet changes = pass.run();
                listener.succeeded(changes, System.nanoTime() - start);
                backoff = Duration.ofSeconds(1);
                nextResync = System.nanoTime() + resync.toNanos();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Exception e) {
                listener.failed(e, backoff);
                LOG.warnf("Reconcile pass failed (%s); retrying in %s", e.getMessage(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                trigger();
            }
        }
    }

    private void waitForWork(long nextResync) throws InterruptedException {
        lock.lock();
        try {
            while (!pending && System.nanoTime() < nextResync) {
                wake.awaitNanos(Math.max(1, nextResync - System.nanoTime()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
