package io.acicni.testkit.kube;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A controller's queue of object keys: one worker thread, a key queued twice before it runs is
 * handled once, a key whose handling throws is retried after a short delay (like client-go's
 * rate-limited work queue, without the rate limit).
 */
final class WorkQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WorkQueue.class.getName());
    static final long RETRY_MILLIS = 300;

    private final String name;
    private final Consumer<String> worker;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor;

    WorkQueue(String name, Consumer<String> worker) {
        this.name = name;
        this.worker = worker;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kube-double-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void add(String key) {
        if (pending.add(key)) {
            try {
                executor.execute(() -> run(key));
            } catch (RejectedExecutionException closed) {
                pending.remove(key);
            }
        }
    }

    void addLater(String key, long millis) {
        try {
            executor.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    private void run(String key) {
        pending.remove(key);
        try {
            worker.accept(key);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, name + ": " + key + " failed, retrying", e);
            LOG.warning(name + ": " + key + ": " + e.getMessage() + " (retrying)");
            addLater(key, RETRY_MILLIS);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
