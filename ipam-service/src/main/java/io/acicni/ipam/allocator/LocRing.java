package io.acicni.ipam.allocator;

/**
 * FIFO of (entry, due millis) in two growable primitive ring arrays: no object per push. The entry
 * packs a block generation (high 32 bits) and a location ({@code block << 6 | bit}, low 32 bits), so
 * an entry whose block was detached or reused since the push is recognised and skipped. Due times
 * are pushed in non-decreasing order (constant quarantine, monotonic clock), so expiry only looks
 * at the head: amortised O(1).
 */
final class LocRing {
    private long[] entries = new long[1024];
    private long[] due = new long[1024];
    private int head;
    private int size;

    int size() {
        return size;
    }

    static long entry(int gen, int loc) {
        return ((long) gen << 32) | (loc & 0xFFFF_FFFFL);
    }

    void push(int gen, int loc, long dueMillis) {
        if (size == entries.length) {
            grow();
        }
        int tail = (head + size) & (entries.length - 1);
        entries[tail] = entry(gen, loc);
        due[tail] = dueMillis;
        size++;
    }

    boolean headDue(long now) {
        return size > 0 && due[head] <= now;
    }

    long headEntry() {
        return entries[head];
    }

    long headDueMillis() {
        return due[head];
    }

    void pop() {
        head = (head + 1) & (entries.length - 1);
        size--;
    }

    private void grow() {
        int n = entries.length;
        long[] ne = new long[n * 2];
        long[] nd = new long[n * 2];
        for (int i = 0; i < size; i++) {
            int j = (head + i) & (n - 1);
            ne[i] = entries[j];
            nd[i] = due[j];
        }
        entries = ne;
        due = nd;
        head = 0;
    }
}
