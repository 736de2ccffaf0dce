package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlatPoolTest {
    private final MutableClock clock = new MutableClock(1_000);
    private final FlatPool pool = new FlatPool(IpFamily.V4, List.of(AddressRange.parse("10.3.0.2", "10.3.0.5")),
            10_000, new MonotonicMillis(clock));

    private static Address a(String s) {
        return Address.parse(s);
    }

    private void assertCountersAddUp() {
        assertThat(BigInteger.valueOf(pool.out() + pool.quarantinedCount()).add(pool.freeCount())).isEqualTo(pool.size());
        assertThat(pool.freeCount()).isEqualTo(pool.freeByWalk());
    }

    @Test
    void allocatesLowestFirstUntilFull() {
        assertThat(pool.allocateLowest()).isEqualTo(a("10.3.0.2"));
        assertThat(pool.allocateLowest()).isEqualTo(a("10.3.0.3"));
        pool.allocateLowest();
        pool.allocateLowest();
        assertThatThrownBy(pool::allocateLowest).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.error()).isEqualTo(AllocationError.RANGE_FULL));
        assertThat(pool.out()).isEqualTo(4);
        assertCountersAddUp();
    }

    @Test
    void releasedAddressRestsForTheQuarantineBeforeReuse() {
        Address first = pool.allocateLowest();
        pool.release(first);
        assertThat(pool.quarantinedCount()).isEqualTo(1);
        assertCountersAddUp();
        assertThat(pool.allocateLowest()).isEqualTo(a("10.3.0.3"));
        pool.allocateLowest();
        pool.allocateLowest();
        assertThatThrownBy(pool::allocateLowest).isInstanceOf(AllocationException.class);
        clock.advanceMillis(9_999);
        assertThatThrownBy(pool::allocateLowest).isInstanceOf(AllocationException.class);
        clock.advanceMillis(1);
        assertThat(pool.allocateLowest()).isEqualTo(first);
        assertThat(pool.quarantinedCount()).isZero();
        assertCountersAddUp();
    }

    @Test
    void claimNeverTakesFromAHolderOrTheQuarantine() {
        pool.claim(a("10.3.0.4"));
        assertThatThrownBy(() -> pool.claim(a("10.3.0.4"))).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.error()).isEqualTo(AllocationError.ALREADY_ALLOCATED));
        assertThatThrownBy(() -> pool.claim(a("10.3.0.9"))).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.error()).isEqualTo(AllocationError.NOT_IN_RANGE));
        pool.release(a("10.3.0.4"));
        assertThatThrownBy(() -> pool.claim(a("10.3.0.4"))).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.getMessage()).contains("quarantine"));
        assertThatThrownBy(() -> pool.release(a("10.3.0.4"))).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.error()).isEqualTo(AllocationError.NOT_ALLOCATED));
        assertThatThrownBy(() -> pool.release(a("10.3.0.2"))).isInstanceOfSatisfying(AllocationException.class,
                e -> assertThat(e.error()).isEqualTo(AllocationError.NOT_ALLOCATED));
        assertCountersAddUp();
    }

    @Test
    void claimRangeTakesFreePartsAndReportsTheRest() {
        pool.claim(a("10.3.0.3"));
        List<AddressRange> claimed = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        pool.claimRange(AddressRange.parse("10.3.0.0", "10.3.0.4"), claimed, conflicts);
        assertThat(claimed).containsExactly(AddressRange.parse("10.3.0.2", "10.3.0.2"), AddressRange.parse("10.3.0.4", "10.3.0.4"));
        assertThat(conflicts).extracting(Conflict::error)
                .containsExactly(AllocationError.NOT_IN_RANGE, AllocationError.ALREADY_ALLOCATED);
        assertThat(conflicts.get(0).subject()).isEqualTo("10.3.0.0-10.3.0.1");
        assertThat(pool.out()).isEqualTo(3);
        assertCountersAddUp();
    }

    @Test
    void claimRangeAcrossSeveralPoolRanges() {
        FlatPool split = new FlatPool(IpFamily.V4, List.of(AddressRange.parse("10.0.0.0", "10.0.0.9"),
                AddressRange.parse("10.0.0.20", "10.0.0.29")), 0, new MonotonicMillis(clock));
        List<AddressRange> claimed = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        split.claimRange(AddressRange.parse("10.0.0.5", "10.0.0.35"), claimed, conflicts);
        assertThat(claimed).containsExactly(AddressRange.parse("10.0.0.5", "10.0.0.9"), AddressRange.parse("10.0.0.20", "10.0.0.29"));
        assertThat(conflicts).extracting(Conflict::subject, Conflict::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("10.0.0.10-10.0.0.19", AllocationError.NOT_IN_RANGE),
                org.assertj.core.groups.Tuple.tuple("10.0.0.30-10.0.0.35", AllocationError.NOT_IN_RANGE));
        assertThat(split.out()).isEqualTo(15);
    }

    @Test
    void takeLowestIsAllOrNothing() {
        pool.allocateLowest();
        assertThat(pool.takeLowest(4)).isNull();
        assertThat(pool.out()).isEqualTo(1);
        assertThat(pool.takeLowest(3)).containsExactly(AddressRange.parse("10.3.0.3", "10.3.0.5"));
        assertCountersAddUp();
    }

    @Test
    void rejectsRangesOfTheOtherFamily() {
        assertThatThrownBy(() -> new FlatPool(IpFamily.V4, List.of(AddressRange.ofCidr("fd00::/120")), 0,
                new MonotonicMillis(clock))).isInstanceOf(IllegalArgumentException.class);
    }
}
