package io.acicni.ipam.allocator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One family's pool of single addresses (LB pools, node service pool) — also the global side of a
 * pod pool, from which node chunks are taken. Free addresses live in {@link FreeRuns}; a released
 * address rests in a time-based quarantine ({@link RestingAddresses}: primitive FIFO of due times
 * plus a primitive hash set, no object per release, O(1) per expiry) before it is free again.
 * Counters are exact: {@code size = free + quarantined + out}.
 *
 * <p>Not thread-safe: see the package documentation.
 */
final class FlatPool {

    private final IpFamily family;
    private final List<AddressRange> ranges;
    private final BigInteger size;
    private final FreeRuns free = new FreeRuns();
    private final RestingAddresses quarantined = new RestingAddresses();
    private final long quarantineMillis;
    private final MonotonicMillis clock;
    private long out;

    FlatPool(IpFamily family, List<AddressRange> ranges, long quarantineMillis, MonotonicMillis clock) {
        this.family = family;
        for (AddressRange r : ranges) {
            if (r.family() != family) {
                throw new IllegalArgumentException("range " + r + " is not " + family);
            }
        }
        this.ranges = List.copyOf(AddressRange.normalize(ranges));
        BigInteger total = BigInteger.ZERO;
        for (AddressRange r : this.ranges) {
            free.add(r.start(), r.end());
            total = total.add(r.size());
        }
        this.size = total;
        this.quarantineMillis = quarantineMillis;
        this.clock = clock;
    }

    IpFamily family() {
        return family;
    }

    List<AddressRange> ranges() {
        return ranges;
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    BigInteger size() {
        return size;
    }

    /** Addresses handed out (held by an owner: a service, a node endpoint, or a node's chunks). */
    long out() {
        return out;
    }

    long quarantinedCount() {
        return quarantined.size();
    }

    BigInteger freeCount() {
        return size.subtract(BigInteger.valueOf(out)).subtract(BigInteger.valueOf(quarantined.size()));
    }

    long quarantineMillis() {
        return quarantineMillis;
    }

    boolean inPool(Address a) {
        if (a.family() != family) {
            return false;
        }
        for (AddressRange r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    boolean isFree(Address a) {
        expire();
        return free.contains(a);
    }

    boolean isQuarantined(Address a) {
        expire();
        return quarantined.contains(a.hi(), a.lo());
    }

    /** Frees every quarantined address whose time is up. Amortised O(1) per released address. */
    void expire() {
        expire(clock.now());
    }

    /** {@link #expire()} at a time the caller has already read from the clock. */
    void expire(long now) {
        RestingAddresses q = quarantined;
        while (q.headDue(now)) {
            Address a = Address.of(family, q.headHi(), q.headLo());
            q.pop();
            free.add(a, a);
        }
    }

    /** Lowest free address (quarantine respected). */
    Address allocateLowest() {
        expire();
        Address a = free.pollLowest();
        if (a == null) {
            throw new AllocationException(AllocationError.RANGE_FULL,
                    "no free " + family + " address in " + ranges + " (" + quarantined.size() + " in quarantine)");
        }
        out++;
        return a;
    }

    /** The n lowest free addresses, all or nothing; null if fewer are free. */
    List<AddressRange> takeLowest(int n) {
        expire();
        List<AddressRange> pieces = free.takeLowest(n);
        if (pieces != null) {
            out += n;
        }
        return pieces;
    }

    /**
     * Claims one specific address (restore, requested IP). Never takes it from anyone: an address held
     * or in quarantine is ALREADY_ALLOCATED, an address outside the pool is NOT_IN_RANGE.
     */
    void claim(Address a) {
        expire();
        if (!inPool(a)) {
            throw new AllocationException(AllocationError.NOT_IN_RANGE, a + " is not in " + family + " pool " + ranges);
        }
        if (!free.remove(a, a)) {
            throw new AllocationException(AllocationError.ALREADY_ALLOCATED,
                    a + (quarantined.contains(a.hi(), a.lo()) ? " is in quarantine" : " is held"));
        }
        out++;
    }

    /**
     * Claims the free, in-pool parts of [start, end] and reports the rest as conflicts (never takes
     * anything from anyone). Used to restore a node's ranges from its annotation.
     *
     * @param claimed receives the claimed pieces, low to high
     * @param conflicts receives the parts not claimed
     */
    void claimRange(AddressRange range, List<AddressRange> claimed, List<Conflict> conflicts) {
        expire();
        if (range.family() != family) {
            conflicts.add(new Conflict(range.toString(), AllocationError.NOT_IN_RANGE, "no " + range.family() + " pool"));
            return;
        }
        Address cursor = range.start();
        boolean done = false;
        for (AddressRange poolRange : ranges) {
            if (done || poolRange.end().compareTo(cursor) < 0) {
                continue;
            }
            if (poolRange.start().compareTo(range.end()) > 0) {
                break;
            }
            if (poolRange.start().compareTo(cursor) > 0) {
                conflicts.add(new Conflict(new AddressRange(cursor, poolRange.start().previous()).toString(),
                        AllocationError.NOT_IN_RANGE, "outside pool " + ranges));
                cursor = poolRange.start();
            }
            Address partEnd = poolRange.end().compareTo(range.end()) < 0 ? poolRange.end() : range.end();
            claimInPool(cursor, partEnd, claimed, conflicts);
            if (partEnd.equals(range.end()) || partEnd.isFamilyMax()) {
                done = true;
            } else {
                cursor = partEnd.next();
            }
        }
        if (!done) {
            conflicts.add(new Conflict(new AddressRange(cursor, range.end()).toString(),
                    AllocationError.NOT_IN_RANGE, "outside pool " + ranges));
        }
    }

    private void claimInPool(Address start, Address end, List<AddressRange> claimed, List<Conflict> conflicts) {
        Address cursor = start;
        for (AddressRange piece : free.freeWithin(start, end)) {
            if (piece.start().compareTo(cursor) > 0) {
                conflicts.add(new Conflict(new AddressRange(cursor, piece.start().previous()).toString(),
                        AllocationError.ALREADY_ALLOCATED, "held or in quarantine"));
            }
            free.remove(piece.start(), piece.end());
            out += piece.sizeCapped();
            claimed.add(piece);
            cursor = piece.end().isFamilyMax() ? null : piece.end().next();
            if (cursor == null) {
                return;
            }
        }
        if (cursor.compareTo(end) <= 0) {
            conflicts.add(new Conflict(new AddressRange(cursor, end).toString(),
                    AllocationError.ALREADY_ALLOCATED, "held or in quarantine"));
        }
    }

    /** Releases a held address into quarantine. */
    void release(Address a) {
        expire();
        if (!inPool(a)) {
            throw new AllocationException(AllocationError.NOT_IN_RANGE, a + " is not in " + family + " pool " + ranges);
        }
        if (quarantined.contains(a.hi(), a.lo()) || free.contains(a)) {
            throw new AllocationException(AllocationError.NOT_ALLOCATED, a + " is not held");
        }
        out--;
        quarantined.push(a.hi(), a.lo(), clock.now() + quarantineMillis);
    }

    /**
     * Gives back addresses that were never published or have already rested (undo of a failed
     * allocation, a reclaimed chunk): free at once, no quarantine.
     */
    void giveBack(Address start, Address end) {
        if (!free.add(start, end)) {
            throw new IllegalStateException("double free of " + start + "-" + end);
        }
        out -= Address.countCapped(start, end);
    }

    /** Free runs snapshot (diagnostics, tests). */
    List<AddressRange> freeRuns() {
        expire();
        return free.runs();
    }

    /** Sum of free runs by walking them (tests cross-check the counters with this). */
    BigInteger freeByWalk() {
        expire();
        return free.total();
    }

    List<Address> quarantinedSnapshot() {
        List<Address> out = new ArrayList<>(quarantined.size());
        for (int i = 0; i < quarantined.size(); i++) {
            out.add(Address.of(family, quarantined.hiAt(i), quarantined.loAt(i)));
        }
        return out;
    }
}
