package io.acicni.epwriter.sync;

import io.acicni.epwriter.state.PassScope;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs sync passes on one background thread: changes are marked per node with their {@link PassScope}
 * (merged while they wait), and after the debounce (0 by default: changes that arrive while a pass runs
 * are merged into the next) each marked node gets an incremental pass over what changed; every node
 * also gets a full pass at {@link #start()} and every resync interval, which repairs files changed or
 * removed behind this service's back. Nothing is written before {@link #start()}, which the Kafka feed
 * calls once it has read every topic to its end.
 *
 * <p>Threads: {@code dirty} is guarded by its own monitor (feed thread, CNI threads, worker); the
 * passes themselves are serialised per node by {@link NodeFileSync#sync}.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    private final Map<String, NodeFileSync> syncs;
    private final Duration debounce;
    private final Duration resync;
    private final Map<String, PassScope.Pending> dirty = new LinkedHashMap<>();
    private Thread worker;
    private volatile boolean started;
    private volatile boolean closed;

    public SyncScheduler(Map<String, NodeFileSync> syncs, Duration debounce, Duration resync) {
        this.syncs = Map.copyOf(syncs);
        this.debounce = debounce;
        this.resync = resync;
    }

    /** Marks a node for a full pass. */
    public void markDirty(String node) {
        mark(node, PassScope.FULL);
    }

    /** Marks what changed on a node (the {@code AddressingState} listener). */
    public void mark(String node, PassScope scope) {
        if (scope.isEmpty()) {
            return;
        }
        synchronized (dirty) {
            dirty.computeIfAbsent(node, k -> new PassScope.Pending()).add(scope);
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

    /** A full pass of a node on the caller's thread (diagnostics, tests). */
    public SyncReport syncNow(String node) {
        return syncNow(node, PassScope.FULL);
    }

    /**
     * A pass over a scope on the caller's thread: CNI ADD/DEL pass their pod, so they answer only once its
     * file is there or gone, whatever the worker is doing (its pending marks stay for the worker; a pass
     * over a pod already written only compares in memory).
     */
    public SyncReport syncNow(String node, PassScope scope) {
        NodeFileSync sync = syncs.get(node);
        if (sync == null) {
            throw new IllegalArgumentException("node '" + node + "' is not served by this process");
        }
        return sync.sync(scope);
    }

    /** Whether the node's last passes wrote (or found) this {@code .ep} file: a look in memory, no disk access. */
    public boolean hasEndpointFile(String node, String name) {
        NodeFileSync sync = syncs.get(node);
        return sync != null && sync.hasEndpointFile(name);
    }

    private void run() {
        long nextResync = System.nanoTime() + resync.toNanos();
        while (!closed) {
            Map<String, PassScope> batch = new LinkedHashMap<>();
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
            if (!debounce.isZero()) {
                sleep(debounce);
            }
            synchronized (dirty) {
                if (System.nanoTime() >= nextResync) {
                    syncs.keySet().forEach(node -> dirty.computeIfAbsent(node, k -> new PassScope.Pending()).add(PassScope.FULL));
                    nextResync = System.nanoTime() + resync.toNanos();
                }
                dirty.forEach((node, pending) -> batch.put(node, pending.toScope()));
                dirty.clear();
            }
            for (Map.Entry<String, PassScope> entry : batch.entrySet()) {
                String node = entry.getKey();
                if (closed) {
                    return;
                }
                try {
                    syncs.get(node).sync(entry.getValue());
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
