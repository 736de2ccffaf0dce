package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free addresses of one family as maximal runs (sorted, disjoint, never adjacent) in a
 * red-black tree keyed by each run's <em>end</em>: taking the lowest address only moves a run's
 * start, in place, so it costs no re-keying. Every operation is O(log r) in the number of runs r
 * (plus O(k) for the k runs a multi-run take consumes); churn cannot degrade it.
 */
final class FreeRuns {

    private static final class Run {
        Address start;
        final Address end;

        Run(Address start, Address end) {
            this.start = start;
            this.end = end;
        }
    }

    private final TreeMap<Address, Run> byEnd = new TreeMap<>();

    boolean isEmpty() {
        return byEnd.isEmpty();
    }

    int runCount() {
        return byEnd.size();
    }

    /** Lowest free address or null. */
    Address lowest() {
        Map.Entry<Address, Run> first = byEnd.firstEntry();
        return first == null ? null : first.getValue().start;
    }

    /** Removes and returns the lowest free address, or null if none. */
    Address pollLowest() {
        Map.Entry<Address, Run> first = byEnd.firstEntry();
        if (first == null) {
            return null;
        }
        Run run = first.getValue();
        Address taken = run.start;
        if (taken.equals(run.end)) {
            byEnd.pollFirstEntry();
        } else {
            run.start = taken.next();
        }
        return taken;
    }

    private Run runContaining(Address a) {
        Map.Entry<Address, Run> e = byEnd.ceilingEntry(a);
        if (e == null) {
            return null;
        }
        Run run = e.getValue();
        return run.start.compareTo(a) <= 0 ? run : null;
    }

    boolean contains(Address a) {
        return runContaining(a) != null;
    }

    /** True if every address of [start, end] is free. */
    boolean containsAll(Address start, Address end) {
        Run run = runContaining(start);
        return run != null && run.end.compareTo(end) >= 0;
    }

    /** Removes [start, end] if it is entirely free; returns false (and changes nothing) otherwise. */
    boolean remove(Address start, Address end) {
        Run run = runContaining(start);
        if (run == null || run.end.compareTo(end) < 0) {
            return false;
        }
        if (run.start.compareTo(start) < 0) {
            Address leftEnd = start.previous();
            byEnd.put(leftEnd, new Run(run.start, leftEnd));
        }
        if (end.compareTo(run.end) < 0) {
            run.start = end.next();
        } else {
            byEnd.remove(run.end);
        }
        return true;
    }

    /**
     * Adds [start, end], merging with neighbours. Returns false (and changes nothing) if any address
     * of it is already free — a double free, which callers treat as a bug.
     */
    boolean add(Address start, Address end) {
        Map.Entry<Address, Run> rightEntry = byEnd.ceilingEntry(start);
        Run right = rightEntry == null ? null : rightEntry.getValue();
        if (right != null && right.start.compareTo(end) <= 0) {
            return false;
        }
        Map.Entry<Address, Run> leftEntry = byEnd.lowerEntry(start);
        Run left = leftEntry == null ? null : leftEntry.getValue();
        boolean mergeRight = right != null && !end.isFamilyMax() && right.start.equals(end.next());
        boolean mergeLeft = left != null && !left.end.isFamilyMax() && left.end.next().equals(start);
        if (mergeRight && mergeLeft) {
            right.start = left.start;
            byEnd.remove(left.end);
        } else if (mergeRight) {
            right.start = start;
        } else if (mergeLeft) {
            byEnd.remove(left.end);
            byEnd.put(end, new Run(left.start, end));
        } else {
            byEnd.put(end, new Run(start, end));
        }
        return true;
    }

    /** At least {@code n} free addresses? Walks runs from the lowest until n is reached: O(k). */
    boolean hasAtLeast(long n) {
        long seen = 0;
        for (Run run : byEnd.values()) {
            long c = Address.countCapped(run.start, run.end);
            if (c >= n - seen) {
                return true;
            }
            seen += c;
        }
        return false;
    }

    /**
     * Takes the {@code n} lowest free addresses (possibly from several runs), all or nothing.
     *
     * @return the taken pieces, low to high, or null if fewer than n are free
     */
    List<AddressRange> takeLowest(long n) {
        if (!hasAtLeast(n)) {
            return null;
        }
        List<AddressRange> pieces = new ArrayList<>(2);
        long need = n;
        while (need > 0) {
            Map.Entry<Address, Run> first = byEnd.firstEntry();
            Run run = first.getValue();
            long c = Address.countCapped(run.start, run.end);
            if (c <= need) {
                pieces.add(new AddressRange(run.start, run.end));
                byEnd.pollFirstEntry();
                need -= c;
            } else {
                Address pieceEnd = run.start.plus(need - 1);
                pieces.add(new AddressRange(run.start, pieceEnd));
                run.start = pieceEnd.next();
                need = 0;
            }
        }
        return pieces;
    }

    /**
     * The free runs intersecting [start, end], clipped to it, low to high (O(log r + k)).
     */
    List<AddressRange> freeWithin(Address start, Address end) {
        List<AddressRange> out = new ArrayList<>();
        for (Run run : byEnd.tailMap(start, true).values()) {
            if (run.start.compareTo(end) > 0) {
                break;
            }
            Address s = run.start.compareTo(start) < 0 ? start : run.start;
            Address e = run.end.compareTo(end) > 0 ? end : run.end;
            out.add(new AddressRange(s, e));
        }
        return out;
    }

    /** Total free addresses (edge/diagnostic use: BigInteger, O(r)). */
    BigInteger total() {
        BigInteger sum = BigInteger.ZERO;
        for (Run run : byEnd.values()) {
            sum = sum.add(new AddressRange(run.start, run.end).size());
        }
        return sum;
    }

    /** Snapshot of the runs, low to high. */
    List<AddressRange> runs() {
        List<AddressRange> out = new ArrayList<>(byEnd.size());
        for (Run run : byEnd.values()) {
            out.add(new AddressRange(run.start, run.end));
        }
        return out;
    }
}
