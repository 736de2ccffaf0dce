package io.acicni.ipam.engine;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The allocation thread. It alone touches the engine and the allocator: it drains the work queue
 * in batches, runs maintenance on a timer, answers queries, and hands every batch's changes to the
 * sink (one Kafka transaction, then the Kubernetes writes, which the sink may queue: ipam's does, on
 * a writer thread of its own, so this loop never waits on the API server).
 *
 * <p>States: STANDBY (not leader: keys accumulate, deduplicated, nothing is allocated), RESTORING
 * (leader, reading the compacted topics and the cluster; allocations answer "not ready"), READY.
 * If a batch cannot be published the engine is dropped and restored again from Kafka and
 * Kubernetes, so that nothing allocated but unpublished survives in memory (no address is handed
 * out that the rest of the suite never heard of).
 */
public final class AllocationLoop {
    private static final Logger LOG = Logger.getLogger(AllocationLoop.class);

    public enum State { STANDBY, RESTORING, READY, STOPPED }

    /** Thrown to a query when there is no restored engine. */
    public static final class NotReadyException extends RuntimeException {
        public NotReadyException(String message) {
            super(message);
        }
    }

    /** Observes batches (metrics). */
    public interface Listener {
        /** One batch: its keys, the engine's time, and the sink's (-1 when the batch changed nothing). */
        void batch(int keys, long engineNanos, long sinkNanos);

        void podLatency(long nanosSinceFirstChange);

        void snapshot(IpamEngine engine);
    }

    /**
     * Starts a leadership term: creates a restored engine (reads the compacted topics, restores,
     * returns the restore's changes). Called again after every failure.
     */
    public interface Restorer {
        IpamEngine restore(Changes out) throws Exception;

        /**
         * The term ended (leadership lost, or another leader's producer fenced this one): release what
         * {@link #restore} acquired and drop what the term still meant to write. {@link #stop} does not
         * call it: a stopping service shuts its parts down itself.
         */
        default void standby() {
        }
    }

    private final WorkQueue queue;
    private final ChangeSink sink;
    private final Restorer restorer;
    private final Listener listener;
    private final Duration maintainInterval;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private volatile State state = State.STANDBY;
    private volatile String notReadyReason = "not the leader";
    private volatile boolean running = true;
    private volatile boolean leader;
    private IpamEngine engine;
    private long nextMaintain;
    /** How long a fenced replica waits, while it still believes it leads, before it restores. */
    private Duration fencedWait = Duration.ZERO;
    /** Set when a batch was fenced: the next restore waits until {@link #fencedUntil} (or the lease is lost). */
    private boolean fenced;
    private long fencedUntil;

    public AllocationLoop(WorkQueue queue, ChangeSink sink, Restorer restorer, Listener listener,
                          Duration maintainInterval, int maxBatch) {
        this.queue = queue;
        this.sink = sink;
        this.restorer = restorer;
        this.listener = listener;
        this.maintainInterval = maintainInterval;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "ipam-allocation-loop");
        this.thread.setDaemon(true);
    }

    /**
     * A replica fenced by another leader's producer waits this long (the lease's renew deadline) before
     * it restores, unless it learns meanwhile that it lost the lease. Restoring at once would fence the
     * new leader in turn (its {@code initTransactions}), which would restore and fence back, until the
     * deposed one notices: a ping-pong of restores on both. Call before {@link #start()}.
     */
    public void fencedWait(Duration wait) {
        this.fencedWait = wait;
    }

    public void start() {
        thread.start();
    }

    public State state() {
        return state;
    }

    public String notReadyReason() {
        return notReadyReason;
    }

    /** Leadership won: restore, then allocate. */
    public void becomeLeader() {
        leader = true;
        submit(this::restore);
    }

    /** Leadership lost: drop the engine; keys keep accumulating for a later term. */
    public void loseLeadership() {
        leader = false;
        submit(() -> {
            engine = null;
            state = State.STANDBY;
            notReadyReason = "not the leader";
            restorer.standby();
        });
    }

    /** Runs a query on the loop thread against the restored engine. */
    public <T> CompletableFuture<T> query(Function<IpamEngine, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            if (engine == null || state != State.READY) {
                result.completeExceptionally(new NotReadyException(notReadyReason));
                return;
            }
            try {
                result.complete(query.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public void stop() {
        running = false;
        state = State.STOPPED;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable task) {
        tasks.add(task);
        queue.wake();
    }

    private void run() {
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                if (state != State.READY) {
                    waitForTask();
                    continue;
                }
                long now = System.nanoTime();
                long untilMaintain = Math.max(0, nextMaintain - now);
                List<Map.Entry<WorkKey, Long>> batch = queue.take(maxBatch, untilMaintain, TimeUnit.NANOSECONDS);
                if (!tasks.isEmpty() && batch.isEmpty()) {
                    continue;
                }
                process(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (FencedException e) {
                LOG.warnf("Another leader's producer took over (%s); restoring in %s unless the lease is lost meanwhile",
                        e.getMessage(), fencedWait);
                fenced = true;
                fencedUntil = System.nanoTime() + fencedWait.toNanos();
                // this term is over whatever the lease says: its producer is dead, and what it still
                // meant to write must not land on the new leader's objects
                restorer.standby();
                if (leader) {
                    submit(this::restore);
                }
                state = State.RESTORING;
                notReadyReason = "fenced by another leader: " + e.getMessage();
                engine = null;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Allocation loop failed; restoring from Kafka and Kubernetes");
                if (leader) {
                    submit(this::restore);
                }
                state = State.RESTORING;
                notReadyReason = "restoring after failure: " + e.getMessage();
                engine = null;
            }
        }
    }

    private void waitForTask() throws InterruptedException {
        // tasks wake the queue; keys stay pending until the engine is ready
        queue.take(0, 200, TimeUnit.MILLISECONDS);
    }

    private void process(List<Map.Entry<WorkKey, Long>> batch) {
        long start = System.nanoTime();
        Changes changes = new Changes();
        for (Map.Entry<WorkKey, Long> entry : batch) {
            WorkKey key = entry.getKey();
            switch (key.kind()) {
                case NODE -> engine.node(key.key(), changes);
                case POD -> engine.pod(key.key(), changes);
                case SERVICE -> engine.service(key.key(), changes);
            }
        }
        if (System.nanoTime() >= nextMaintain) {
            engine.maintain(changes);
            nextMaintain = System.nanoTime() + maintainInterval.toNanos();
        }
        long engineDone = System.nanoTime();
        if (!changes.isEmpty()) {
            sink.apply(changes);
        }
        long end = System.nanoTime();
        for (Map.Entry<WorkKey, Long> entry : batch) {
            if (entry.getKey().kind() == WorkKey.Kind.POD) {
                listener.podLatency(end - entry.getValue());
            }
        }
        listener.batch(batch.size(), engineDone - start, changes.isEmpty() ? -1 : end - engineDone);
        listener.snapshot(engine);
    }

    private void restore() {
        state = State.RESTORING;
        engine = null;
        while (fenced && running && leader && System.nanoTime() - fencedUntil < 0) {
            sleep(Duration.ofMillis(100));
        }
        fenced = false;
        if (!leader) {
            return;
        }
        notReadyReason = "restoring state from the compacted topics and the cluster";
        while (running && leader) {
            try {
                Changes changes = new Changes();
                IpamEngine restored = restorer.restore(changes);
                if (!changes.isEmpty()) {
                    sink.apply(changes);
                }
                engine = restored;
                nextMaintain = System.nanoTime() + maintainInterval.toNanos();
                state = State.READY;
                notReadyReason = null;
                listener.snapshot(engine);
                LOG.info("Restore complete: allocating");
                return;
            } catch (Exception e) {
                notReadyReason = "restore failed, retrying: " + e.getMessage();
                LOG.errorf(e, "Restore failed; retrying in 2 s");
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
