package io.acicni.localrun.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Watches every simulated node's endpoint directory (java.nio {@link WatchService}, inotify on Linux)
 * and completes the operations the driver registered: a create is done when
 * {@code <pod-uid>_<container>_<veth>.ep} appears (ep-writer renames its temporary file into place,
 * which inotify reports as a create) in the directory of the pod's node, a delete when it disappears.
 * On an inotify queue overflow the directories are listed instead (counted in {@link #overflows()}).
 */
public final class EpFileTracker implements AutoCloseable {

    /** One create or delete of a pod, completed by the file system. */
    public static final class Op {
        final String uid;
        final String node;
        final boolean create;
        final LatencyStats stats;
        volatile long startNanos;

        Op(String uid, String node, boolean create, LatencyStats stats) {
            this.uid = uid;
            this.node = node;
            this.create = create;
            this.stats = stats;
        }
    }

    private final Map<Path, String> nodeOfDir;
    private final Map<String, Path> dirOfNode = new HashMap<>();
    private final Map<WatchKey, Path> dirOfKey = new HashMap<>();
    private final WatchService watcher;
    private final Map<String, Op> creates = new ConcurrentHashMap<>();
    private final Map<String, Op> deletes = new ConcurrentHashMap<>();
    /** Files that appeared before their create was registered (or rewrites of known files), by uid. */
    private final Map<String, Seen> unclaimed = new ConcurrentHashMap<>();
    private final AtomicLong misplaced = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /** @param endpointDirs node name → its endpoint directory */
    public EpFileTracker(Map<String, Path> endpointDirs) {
        this.nodeOfDir = new HashMap<>();
        try {
            watcher = FileSystems.getDefault().newWatchService();
            for (Map.Entry<String, Path> e : endpointDirs.entrySet()) {
                Path dir = e.getValue().toAbsolutePath().normalize();
                Files.createDirectories(dir);
                nodeOfDir.put(dir, e.getKey());
                dirOfNode.put(e.getKey(), dir);
                dirOfKey.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the endpoint directories: " + e.getMessage(), e);
        }
        thread = new Thread(this::run, "bench-ep-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Registers an operation just before its API call; its time starts now. */
    public Op expect(String uid, String node, boolean create, LatencyStats stats) {
        return expect(uid, node, create, stats, System.nanoTime());
    }

    /**
     * Registers an operation that started at {@code startNanos}. A create is registered after its API
     * call returned (the API server assigns the uid), so its file may already be there: then it
     * completes at once with the time the file appeared.
     */
    public Op expect(String uid, String node, boolean create, LatencyStats stats, long startNanos) {
        Op op = new Op(uid, node, create, stats);
        op.startNanos = startNanos;
        (create ? creates : deletes).put(uid, op);
        if (create) {
            Seen early = unclaimed.remove(uid);
            if (early != null) {
                complete(creates, uid, early.node(), early.nanos());
            }
        }
        return op;
    }

    private record Seen(String node, long nanos) {
    }

    /** The API call failed: the operation will never complete. */
    public void failed(Op op) {
        if ((op.create ? creates : deletes).remove(op.uid, op)) {
            op.stats.error();
        }
    }

    public int pending() {
        return creates.size() + deletes.size();
    }

    /**
     * An operation that did not complete in time. {@link #describe(boolean)} says, from what the
     * node's directory holds, whether the file system is not yet as expected (a file not written or
     * not removed) or only the watch missed it.
     */
    public record Expired(String uid, String node, boolean create) {
        public String describe(boolean fileOnDisk) {
            String what = (create ? "create" : "delete") + " of pod uid " + uid + " on " + node + ": ";
            if (create) {
                return what + (fileOnDisk ? "its .ep file is there; the watch missed its creation"
                        : "no .ep file appeared (not written by the end of the drain: lost, or still in a backlog)");
            }
            return what + (fileOnDisk ? "its .ep file is still there (not removed by the end of the drain: lost, or still in a backlog)"
                    : "its .ep file is gone; the watch missed its removal");
        }
    }

    /** Counts every operation still pending as an error (timed out), forgets it and returns it. */
    public List<Expired> expireAll() {
        List<Expired> expired = new ArrayList<>();
        for (Map<String, Op> m : List.of(creates, deletes)) {
            for (Op op : m.values()) {
                if (m.remove(op.uid, op)) {
                    op.stats.error();
                    expired.add(new Expired(op.uid, op.node, op.create));
                }
            }
        }
        return expired;
    }

    /** {@link Expired#describe(boolean)} with what the node's directory holds now (one listing of it). */
    public String describe(Expired e) {
        Path dir = dirOfNode.get(e.node());
        boolean onDisk;
        try {
            onDisk = dir != null && uidsIn(dir).contains(e.uid());
        } catch (UncheckedIOException ex) {
            onDisk = false;
        }
        return e.describe(onDisk);
    }

    public long misplaced() {
        return misplaced.get();
    }

    public long overflows() {
        return overflows.get();
    }

    private void run() {
        while (!closed) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            long now = System.nanoTime();
            Path dir = dirOfKey.get(key);
            String node = dir == null ? null : nodeOfDir.get(dir);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    overflows.incrementAndGet();
                    rescan(now);
                    continue;
                }
                String name = event.context().toString();
                String uid = uidOf(name);
                if (uid == null || node == null) {
                    continue;
                }
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    if (!complete(creates, uid, node, now)) {
                        unclaimed.put(uid, new Seen(node, now));
                        if (unclaimed.size() > 50_000) {
                            unclaimed.values().removeIf(seen -> now - seen.nanos() > 30_000_000_000L);
                        }
                    }
                } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                    complete(deletes, uid, node, now);
                }
            }
            key.reset();
        }
    }

    private boolean complete(Map<String, Op> pending, String uid, String node, long now) {
        Op op = pending.remove(uid);
        if (op == null) {
            return false; // a rewrite of a known file, or a file of an operation not (yet) registered
        }
        if (!op.node.equals(node)) {
            misplaced.incrementAndGet();
            op.stats.error();
            return true;
        }
        op.stats.recordNanos(now - op.startNanos);
        return true;
    }

    /** After an overflow: what is on disk decides. */
    private void rescan(long now) {
        Map<String, Set<String>> present = new HashMap<>();
        nodeOfDir.forEach((dir, node) -> {
            Set<String> uids = new HashSet<>();
            try {
                uids.addAll(uidsIn(dir));
            } catch (UncheckedIOException e) {
                // unreadable: nothing present
            }
            present.put(node, uids);
        });
        for (Op op : creates.values()) {
            if (present.getOrDefault(op.node, Set.of()).contains(op.uid)) {
                complete(creates, op.uid, op.node, now);
            }
        }
        for (Op op : deletes.values()) {
            if (!present.getOrDefault(op.node, Set.of()).contains(op.uid)) {
                complete(deletes, op.uid, op.node, now);
            }
        }
    }

    /**
     * The pod uid of every endpoint file in {@code dir}, one per file (a pod with two files appears
     * twice); none if the directory does not exist.
     */
    static List<String> uidsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> uidOf(f.getFileName().toString())).filter(uid -> uid != null).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The pod uid of an endpoint file name ({@code <uid>_<container>_<veth>.ep}); null for other files. */
    static String uidOf(String fileName) {
        if (!fileName.endsWith(".ep") || fileName.startsWith(".")) {
            return null;
        }
        int sep = fileName.indexOf('_');
        return sep <= 0 ? null : fileName.substring(0, sep);
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
