package io.acicni.ipam.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keys of entities that changed, deduplicated: a key added while already pending keeps its place
 * and its first arrival time (the latency clock starts with the first change). The engine reads the
 * entity's current state from the informer cache when it takes the key, so many changes of one pod
 * cost one pass. Thread-safe: informer threads add, the allocation loop takes.
 */
public final class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Map<WorkKey, Long> pending = new LinkedHashMap<>();

    public void add(WorkKey key) {
        lock.lock();
        try {
            pending.putIfAbsent(key, System.nanoTime());
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code max} keys with their arrival time, waiting at most {@code timeout} for the first. */
    public List<Map.Entry<WorkKey, Long>> take(int max, long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (pending.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<Map.Entry<WorkKey, Long>> out = new ArrayList<>(Math.min(max, pending.size()));
            Iterator<Map.Entry<WorkKey, Long>> it = pending.entrySet().iterator();
            while (it.hasNext() && out.size() < max) {
                Map.Entry<WorkKey, Long> e = it.next();
                out.add(Map.entry(e.getKey(), e.getValue()));
                it.remove();
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting {@link #take} (a task was submitted). */
    public void wake() {
        lock.lock();
        try {
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
