package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FreeRunsTest {

    private static Address a(String s) {
        return Address.parse(s);
    }

    @Test
    void addMergesNeighboursAndRefusesDoubleFree() {
        FreeRuns runs = new FreeRuns();
        assertThat(runs.add(a("10.0.0.1"), a("10.0.0.3"))).isTrue();
        assertThat(runs.add(a("10.0.0.7"), a("10.0.0.9"))).isTrue();
        assertThat(runs.add(a("10.0.0.4"), a("10.0.0.6"))).isTrue();
        assertThat(runs.runs()).containsExactly(AddressRange.parse("10.0.0.1", "10.0.0.9"));
        assertThat(runs.add(a("10.0.0.5"), a("10.0.0.5"))).isFalse();
        assertThat(runs.add(a("10.0.0.0"), a("10.0.0.1"))).isFalse();
        assertThat(runs.runs()).containsExactly(AddressRange.parse("10.0.0.1", "10.0.0.9"));
    }

    @Test
    void removeSplitsOnlyWhenEntirelyFree() {
        FreeRuns runs = new FreeRuns();
        runs.add(a("10.0.0.0"), a("10.0.0.255"));
        assertThat(runs.remove(a("10.0.0.10"), a("10.0.0.19"))).isTrue();
        assertThat(runs.remove(a("10.0.0.5"), a("10.0.0.12"))).isFalse();
        assertThat(runs.runs()).containsExactly(AddressRange.parse("10.0.0.0", "10.0.0.9"), AddressRange.parse("10.0.0.20", "10.0.0.255"));
        assertThat(runs.contains(a("10.0.0.15"))).isFalse();
        assertThat(runs.contains(a("10.0.0.20"))).isTrue();
        assertThat(runs.total()).isEqualTo(BigInteger.valueOf(246));
    }

    @Test
    void takeLowestSpansRunsAllOrNothing() {
        FreeRuns runs = new FreeRuns();
        runs.add(a("10.0.0.0"), a("10.0.0.3"));
        runs.add(a("10.0.0.8"), a("10.0.0.15"));
        assertThat(runs.takeLowest(13)).isNull();
        assertThat(runs.total()).isEqualTo(BigInteger.valueOf(12));
        assertThat(runs.takeLowest(6)).containsExactly(AddressRange.parse("10.0.0.0", "10.0.0.3"), AddressRange.parse("10.0.0.8", "10.0.0.9"));
        assertThat(runs.runs()).containsExactly(AddressRange.parse("10.0.0.10", "10.0.0.15"));
        assertThat(runs.pollLowest()).isEqualTo(a("10.0.0.10"));
    }

    @Test
    void handlesHugeIpv6RunsWithoutOverflow() {
        FreeRuns runs = new FreeRuns();
        AddressRange whole = AddressRange.ofCidr("2001:fb8:42::/56");
        runs.add(whole.start(), whole.end());
        assertThat(runs.takeLowest(32)).containsExactly(AddressRange.parse("2001:fb8:42::", "2001:fb8:42::1f"));
        assertThat(runs.remove(a("2001:fb8:42:ff::5"), a("2001:fb8:42:ff::5"))).isTrue();
        assertThat(runs.total()).isEqualTo(BigInteger.TWO.pow(72).subtract(BigInteger.valueOf(33)));
        assertThat(runs.add(whole.end(), whole.end())).isFalse();
        FreeRuns top = new FreeRuns();
        top.add(a("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0"), a("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(top.takeLowest(16)).hasSize(1);
        assertThat(top.isEmpty()).isTrue();
    }
}
