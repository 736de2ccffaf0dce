package io.acicni.ipam.allocator;

/**
 * FIFO of (entry, due millis) in one growable primitive ring: no object per push, and entry and due
 * time of a slot side by side in one {@code long[]} (a push writes one 16-byte pair, a pop reads
 * one). The entry packs a block generation (high 32 bits) and a location ({@code block << 6 | bit},
 * low 32 bits), so an entry whose block was detached or reused since the push is recognised and
 * skipped. Due times are pushed in non-decreasing order (constant quarantine, monotonic clock), so
 * expiry only looks at the head: amortised O(1).
 */
final class LocRing {
    /** Pairs (entry, due) at {@code 2·slot}; capacity a power of two. */
    private long[] ring = new long[2 * 1024];
    private int head;
    private int size;

    int size() {
        return size;
    }

    static long entry(int gen, int loc) {
        return ((long) gen << 32) | (loc & 0xFFFF_FFFFL);
    }

    void push(int gen, int loc, long dueMillis) {
        long[] r = ring;
        int cap = r.length >>> 1;
        if (size == cap) {
            grow();
            r = ring;
            cap = r.length >>> 1;
        }
        int tail = ((head + size) & (cap - 1)) << 1;
        r[tail] = entry(gen, loc);
        r[tail + 1] = dueMillis;
        size++;
    }

    boolean headDue(long now) {
        return size > 0 && ring[(head << 1) + 1] <= now;
    }

    long headEntry() {
        return ring[head << 1];
    }

    long headDueMillis() {
        return ring[(head << 1) + 1];
    }

    void pop() {
        head = (head + 1) & ((ring.length >>> 1) - 1);
        size--;
    }

    private void grow() {
        int n = ring.length >>> 1;
        long[] nr = new long[ring.length * 2];
        for (int i = 0; i < size; i++) {
            int j = ((head + i) & (n - 1)) << 1;
            nr[i << 1] = ring[j];
            nr[(i << 1) + 1] = ring[j + 1];
        }
        ring = nr;
        head = 0;
    }
}
