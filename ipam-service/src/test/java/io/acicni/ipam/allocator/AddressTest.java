package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void parsesAndPrintsBothFamiliesCanonically() {
        assertThat(Address.parse("10.128.2.2").toString()).isEqualTo("10.128.2.2");
        assertThat(Address.parse("10.128.2.2").family()).isEqualTo(IpFamily.V4);
        assertThat(Address.parse("FD43:85D7:BCF2:9AD2:0:0:0:100").toString()).isEqualTo("fd43:85d7:bcf2:9ad2::100");
        assertThat(Address.parse("::").family()).isEqualTo(IpFamily.V6);
        assertThat(Address.parse("255.255.255.255").isFamilyMax()).isTrue();
    }

    @Test
    void rejectsPrefixesGarbageAndNull() {
        assertThatThrownBy(() -> Address.parse("10.0.0.0/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Address.parse("not-an-ip")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Address.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Address.of(IpFamily.V4, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticCarriesAcrossTheLowWord() {
        Address a = Address.parse("2001:db8::ffff:ffff:ffff:ffff");
        assertThat(a.next().toString()).isEqualTo("2001:db8:0:1::");
        assertThat(a.next().previous()).isEqualTo(a);
        assertThat(Address.parse("10.0.0.255").plus(2).toString()).isEqualTo("10.0.1.1");
        assertThat(Address.parse("2001:db8::ffff:ffff:ffff:fff0").plus(0x20).toString()).isEqualTo("2001:db8:0:1::10");
    }

    @Test
    void comparesUnsigned() {
        assertThat(Address.parse("8000::").compareTo(Address.parse("7fff::"))).isPositive();
        assertThat(Address.parse("::8000:0:0:0").compareTo(Address.parse("::7fff:0:0:0"))).isPositive();
        assertThat(Address.parse("200.0.0.1").compareTo(Address.parse("10.0.0.1"))).isPositive();
    }

    @Test
    void countsRangesAndSaturates() {
        assertThat(Address.countCapped(Address.parse("10.0.0.0"), Address.parse("10.0.0.255"))).isEqualTo(256);
        assertThat(Address.countCapped(Address.parse("2001:db8::"), Address.parse("2001:db8::ffff:ffff:ffff:ffff")))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Address.countCapped(Address.parse("::ffff:ffff:ffff:fff0"), Address.parse("::1:0:0:0:f")))
                .isEqualTo(32);
        assertThat(Address.parse("2001:db8::1:0").toBigInteger())
                .isEqualTo(new BigInteger("20010db8000000000000000000010000", 16));
    }

    @Test
    void offsetWithinABlock() {
        Address base = Address.parse("10.0.0.64");
        assertThat(Address.parse("10.0.0.70").offsetFrom(base, 32)).isEqualTo(6);
        assertThat(Address.parse("10.0.0.96").offsetFrom(base, 32)).isEqualTo(-1);
        assertThat(Address.parse("10.0.0.63").offsetFrom(base, 32)).isEqualTo(-1);
    }
}
