package io.acicni.epwriter.sync;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs sync passes on one background thread: nodes whose inputs changed are marked dirty, and after a
 * short debounce (a burst of records gives one pass) each dirty node is synced; every node is also
 * re-synced periodically, which repairs files changed or removed behind this service's back. Nothing
 * is written before {@link #start()}, which the Kafka feed calls once it has read every topic to its end.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    private final Map<String, NodeFileSync> syncs;
    private final Duration debounce;
    private final Duration resync;
    private final Set<String> dirty = new LinkedHashSet<>();
    private Thread worker;
    private volatile boolean started;
    private volatile boolean closed;

    public SyncScheduler(Map<String, NodeFileSync> syncs, Duration debounce, Duration resync) {
        this.syncs = Map.copyOf(syncs);
        this.debounce = debounce;
        this.resync = resync;
    }

    public void markDirty(String node) {
        synchronized (dirty) {
            dirty.add(node);
            dirty.notifyAll();
        }
    }

    public boolean started() {
        return started;
    }

    /** Starts writing: every node gets a full pass at once, then passes follow changes. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        syncs.keySet().forEach(this::markDirty);
        worker = new Thread(this::run, "ep-writer-sync");
        worker.setDaemon(true);
        worker.start();
    }

    /** Syncs a node on the caller's thread (CNI ADD/DEL answer only once the file is there or gone). */
    public SyncReport syncNow(String node) {
        NodeFileSync sync = syncs.get(node);
        if (sync == null) {
            throw new IllegalArgumentException("node '" + node + "' is not served by this process");
        }
        return sync.sync();
    }

    private void run() {
        long nextResync = System.nanoTime() + resync.toNanos();
        while (!closed) {
            Set<String> batch;
            synchronized (dirty) {
                long wait = Math.max(1, (nextResync - System.nanoTime()) / 1_000_000);
                if (dirty.isEmpty()) {
                    try {
                        dirty.wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                if (dirty.isEmpty() && System.nanoTime() < nextResync) {
                    continue;
                }
            }
            sleep(debounce);
            synchronized (dirty) {
                if (System.nanoTime() >= nextResync) {
                    dirty.addAll(syncs.keySet());
                    nextResync = System.nanoTime() + resync.toNanos();
                }
                batch = new LinkedHashSet<>(dirty);
                dirty.clear();
            }
            for (String node : batch) {
                if (closed) {
                    return;
                }
                try {
                    syncs.get(node).sync();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Sync of node %s failed; retrying on the next pass", node);
                    markDirty(node);
                }
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the worker and waits for the pass it is in to finish, so that no file is written after
     * close returns (a pass interrupted mid-write could leave a temp file behind). Interrupts it only
     * if it has not finished within 10 s.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (dirty) {
            dirty.notifyAll();
        }
        if (worker == null || worker == Thread.currentThread()) {
            return;
        }
        try {
            worker.join(10_000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
