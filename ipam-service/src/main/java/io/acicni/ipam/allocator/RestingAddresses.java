package io.acicni.ipam.allocator;

/**
 * The resting (quarantined) addresses of a {@link FlatPool}: a FIFO ring of (hi, lo, due) in
 * primitive arrays plus an open-addressing set of the same 128-bit values (interleaved hi/lo pairs
 * in one {@code long[]}, linear probing, backward-shift deletion, load ≤ 1/2) for membership. No
 * object per release. Due times are pushed in non-decreasing order, so expiry looks only at the
 * head: push, contains and expiry are O(1) (amortised / expected).
 */
final class RestingAddresses {
    /** Empty slot marker; the all-ones value itself is tracked by {@link #holdsAllOnes}. */
    private static final long EMPTY = -1L;

    private long[] ringHi = new long[64];
    private long[] ringLo = new long[64];
    private long[] ringDue = new long[64];
    private int head;
    private int size;

    private long[] table = newTable(64);
    private int mask = 63;
    private boolean holdsAllOnes;

    private static long[] newTable(int slots) {
        long[] t = new long[slots * 2];
        java.util.Arrays.fill(t, EMPTY);
        return t;
    }

    int size() {
        return size;
    }

    private static int slotOf(long hi, long lo, int mask) {
        long h = (hi * 0x9E3779B97F4A7C15L + lo) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 32) & mask;
    }

    boolean contains(long hi, long lo) {
        if (hi == EMPTY && lo == EMPTY) {
            return holdsAllOnes;
        }
        long[] t = table;
        int i = slotOf(hi, lo, mask);
        while (true) {
            long th = t[2 * i];
            long tl = t[2 * i + 1];
            if (th == hi && tl == lo) {
                return true;
            }
            if (th == EMPTY && tl == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds an address that is not resting, due at {@code due}. */
    void push(long hi, long lo, long due) {
        if (size == ringHi.length) {
            growRing();
        }
        int tail = (head + size) & (ringHi.length - 1);
        ringHi[tail] = hi;
        ringLo[tail] = lo;
        ringDue[tail] = due;
        size++;
        if (hi == EMPTY && lo == EMPTY) {
            holdsAllOnes = true;
            return;
        }
        if (size > (mask + 1) >>> 1) {
            rehash((mask + 1) * 2);
        }
        insert(hi, lo);
    }

    private void insert(long hi, long lo) {
        long[] t = table;
        int i = slotOf(hi, lo, mask);
        while (!(t[2 * i] == EMPTY && t[2 * i + 1] == EMPTY)) {
            i = (i + 1) & mask;
        }
        t[2 * i] = hi;
        t[2 * i + 1] = lo;
    }

    private void remove(long hi, long lo) {
        if (hi == EMPTY && lo == EMPTY) {
            holdsAllOnes = false;
            return;
        }
        long[] t = table;
        int m = mask;
        int hole = slotOf(hi, lo, m);
        while (!(t[2 * hole] == hi && t[2 * hole + 1] == lo)) {
            hole = (hole + 1) & m;
        }
        int i = hole;
        while (true) {
            i = (i + 1) & m;
            long th = t[2 * i];
            long tl = t[2 * i + 1];
            if (th == EMPTY && tl == EMPTY) {
                break;
            }
            int home = slotOf(th, tl, m);
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                t[2 * hole] = th;
                t[2 * hole + 1] = tl;
                hole = i;
            }
        }
        t[2 * hole] = EMPTY;
        t[2 * hole + 1] = EMPTY;
    }

    /** True if the oldest resting address is due at {@code now}. */
    boolean headDue(long now) {
        return size > 0 && ringDue[head] <= now;
    }

    long headHi() {
        return ringHi[head];
    }

    long headLo() {
        return ringLo[head];
    }

    /** Removes the oldest resting address (from the ring and the set). */
    void pop() {
        long hi = ringHi[head];
        long lo = ringLo[head];
        head = (head + 1) & (ringHi.length - 1);
        size--;
        remove(hi, lo);
    }

    /** The i-th resting address, oldest first (snapshots). */
    long hiAt(int i) {
        return ringHi[(head + i) & (ringHi.length - 1)];
    }

    long loAt(int i) {
        return ringLo[(head + i) & (ringLo.length - 1)];
    }

    private void growRing() {
        int n = ringHi.length;
        long[] nh = new long[n * 2];
        long[] nl = new long[n * 2];
        long[] nd = new long[n * 2];
        for (int i = 0; i < size; i++) {
            int j = (head + i) & (n - 1);
            nh[i] = ringHi[j];
            nl[i] = ringLo[j];
            nd[i] = ringDue[j];
        }
        ringHi = nh;
        ringLo = nl;
        ringDue = nd;
        head = 0;
    }

    private void rehash(int slots) {
        long[] old = table;
        table = newTable(slots);
        mask = slots - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (!(old[i] == EMPTY && old[i + 1] == EMPTY)) {
                insert(old[i], old[i + 1]);
            }
        }
    }
}
