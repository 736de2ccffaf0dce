package io.acicni.ipam.allocator;

import java.util.Arrays;

/**
 * The live pods of one allocator: dense {@code int} pod ids (a freed id is reused first, so the
 * slot a release just touched is the one the next allocation writes), the handle of each id, and
 * the key index.
 *
 * <p>The key index is one {@code long[]} open-addressing table (linear probing, backward-shift
 * deletion: no tombstones, no rehash under churn) whose entries pack the spread key hash (high 32
 * bits) and {@code id + 1} (low 32 bits; 0 marks an empty slot). A probe reads only that array and
 * compares a key string only on a full 32-bit hash match; removal by handle probes from the hash the
 * handle stores to the entry with its id, so it reads no key string and writes no other handle.
 * Load ≤ 5/8 (150,000 pods fit a 2 MB table). All operations O(1) expected; no object per entry.
 */
final class PodIndex {
    private static final int MIN_CAPACITY = 16;

    private long[] table = new long[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    private PodAllocation[] handles = new PodAllocation[MIN_CAPACITY];
    /** Ids below {@code highId} that are free, as a stack (last freed on top). */
    private int[] freeIds = new int[MIN_CAPACITY];
    private int freeCount;
    private int highId;

    int size() {
        return size;
    }

    /** The key's hash as stored: spread (any value; the id half of an entry is never 0). */
    static int hashOf(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A pod id for a new handle (not yet indexed); give it back with {@link #freeId} if unused. */
    int newId() {
        if (freeCount > 0) {
            return freeIds[--freeCount];
        }
        if (highId == handles.length) {
            handles = Arrays.copyOf(handles, highId * 2);
        }
        return highId++;
    }

    /** Returns an id that was reserved with {@link #newId} but never indexed, or whose pod is gone. */
    void freeId(int id) {
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** The handle holding the id, or null. */
    PodAllocation handle(int id) {
        return id >= 0 && id < highId ? handles[id] : null;
    }

    PodAllocation get(String key) {
        return get(key, hashOf(key));
    }

    PodAllocation get(String key, int hash) {
        long[] t = table;
        int m = mask;
        int i = hash & m;
        long e;
        while ((e = t[i]) != 0) {
            if ((int) (e >>> 32) == hash) {
                PodAllocation pa = handles[(int) e - 1];
                if (pa.podKey().equals(key)) {
                    return pa;
                }
            }
            i = (i + 1) & m;
        }
        return null;
    }

    /**
     * Indexes a handle whose key is not present (callers check with {@link #get} first) under the id
     * it carries (from {@link #newId}).
     */
    void insert(PodAllocation pa) {
        if (size + 1 > (table.length >>> 3) * 5) {
            resize(table.length << 1);
        }
        place(pa.hash, pa.id);
        handles[pa.id] = pa;
        size++;
    }

    private void place(int hash, int id) {
        long[] t = table;
        int i = hash & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = ((long) hash << 32) | (id + 1L);
    }

    /** Removes the handle (which must be indexed here), frees its id and marks it not held. */
    void remove(PodAllocation pa) {
        int id = pa.id;
        long[] t = table;
        int m = mask;
        long want = ((long) pa.hash << 32) | (id + 1L);
        int hole = pa.hash & m;
        while (t[hole] != want) {
            hole = (hole + 1) & m;
        }
        int i = hole;
        while (true) {
            i = (i + 1) & m;
            long e = t[i];
            if (e == 0) {
                break;
            }
            int home = (int) (e >>> 32) & m;
            // The entry at i may move into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                t[hole] = e;
                hole = i;
            }
        }
        t[hole] = 0;
        handles[id] = null;
        pa.id = -1;
        size--;
        freeId(id);
    }

    /** Removes the handle of the key, or returns null. */
    PodAllocation remove(String key) {
        PodAllocation pa = get(key);
        if (pa != null) {
            remove(pa);
        }
        return pa;
    }

    private void resize(int capacity) {
        long[] old = table;
        table = new long[capacity];
        mask = capacity - 1;
        for (long e : old) {
            if (e != 0) {
                place((int) (e >>> 32), (int) e - 1);
            }
        }
    }

    /** Live handles (tests, diagnostics). */
    PodAllocation[] snapshot() {
        return Arrays.stream(handles, 0, highId).filter(e -> e != null).toArray(PodAllocation[]::new);
    }
}
