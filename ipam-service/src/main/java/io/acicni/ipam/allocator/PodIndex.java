package io.acicni.ipam.allocator;

import java.util.Arrays;

/**
 * Pods by key: an open-addressing hash table (linear probing, backward-shift deletion, so no
 * tombstones and no periodic rehash under churn) of {@link PodAllocation} handles, with the
 * (spread, non-zero) key hashes in a parallel {@code int[]}. Each handle remembers its own slot, so
 * removal by handle ({@link #remove(PodAllocation)}) touches neither the key string nor a probe
 * chain: it clears the slot and shifts back the (rare, at load ≤ 3/8) entries displaced past it.
 * Lookup by key probes the hash array and compares keys only on a full 32-bit hash match. No
 * object per entry. All operations O(1) expected.
 */
final class PodIndex {
    private static final int MIN_CAPACITY = 16;

    private int[] hashes = new int[MIN_CAPACITY];
    private PodAllocation[] entries = new PodAllocation[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    int size() {
        return size;
    }

    /** The key's hash as stored: spread and never 0 (0 marks an empty slot). */
    static int hashOf(String key) {
        int h = key.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    PodAllocation get(String key) {
        return get(key, hashOf(key));
    }

    PodAllocation get(String key, int hash) {
        int[] hs = hashes;
        int i = hash & mask;
        int h;
        while ((h = hs[i]) != 0) {
            if (h == hash) {
                PodAllocation e = entries[i];
                if (e.podKey().equals(key)) {
                    return e;
                }
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Inserts a handle whose key is not present (callers check with {@link #get} first). */
    void insert(PodAllocation pa) {
        if (size + 1 > (hashes.length >>> 3) * 3) {
            resize(hashes.length << 1);
        }
        place(pa);
        size++;
    }

    private void place(PodAllocation pa) {
        int i = pa.hash & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = pa.hash;
        entries[i] = pa;
        pa.slot = i;
    }

    /** Removes the handle (which must be in this index) in O(1) expected. */
    void remove(PodAllocation pa) {
        int hole = pa.slot;
        pa.slot = -1;
        size--;
        int[] hs = hashes;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            int h = hs[i];
            if (h == 0) {
                break;
            }
            int home = h & mask;
            // The entry at i may move into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                PodAllocation moved = entries[i];
                hs[hole] = h;
                entries[hole] = moved;
                moved.slot = hole;
                hole = i;
            }
        }
        hs[hole] = 0;
        entries[hole] = null;
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
        PodAllocation[] old = entries;
        hashes = new int[capacity];
        entries = new PodAllocation[capacity];
        mask = capacity - 1;
        for (PodAllocation pa : old) {
            if (pa != null) {
                place(pa);
            }
        }
    }

    /** Live handles (tests, diagnostics). */
    PodAllocation[] snapshot() {
        return Arrays.stream(entries).filter(e -> e != null).toArray(PodAllocation[]::new);
    }
}
