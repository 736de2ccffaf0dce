package io.acicni.ipam.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangeTest {

    @Test
    void rejectsMixedFamiliesAndReversedRanges() {
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.1", "2001:db8::1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixes families");
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.9", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cidrIncludesNetworkAndBroadcast() {
        AddressRange r = AddressRange.ofCidr("10.128.0.0/10");
        assertThat(r.start().toString()).isEqualTo("10.128.0.0");
        assertThat(r.end().toString()).isEqualTo("10.191.255.255");
        assertThat(AddressRange.ofCidr("2001:fb8:42::/56").size()).isEqualTo(BigInteger.TWO.pow(72));
    }

    @Test
    void rangeToCidrsMatchesCiscoExample() {
        assertThat(AddressRange.parse("::102:304", "::506:708").toCidrs()).containsExactly(
                "::102:304/126", "::102:308/125", "::102:310/124", "::102:320/123", "::102:340/122",
                "::102:380/121", "::102:400/118", "::102:800/117", "::102:1000/116", "::102:2000/115",
                "::102:4000/114", "::102:8000/113", "::103:0/112", "::104:0/110", "::108:0/109", "::110:0/108",
                "::120:0/107", "::140:0/106", "::180:0/105", "::200:0/103", "::400:0/104", "::500:0/110",
                "::504:0/111", "::506:0/118", "::506:400/119", "::506:600/120", "::506:700/125", "::506:708/128");
    }

    @Test
    void normalizeSortsAndCoalesces() {
        List<AddressRange> n = AddressRange.normalize(List.of(
                AddressRange.parse("10.0.0.10", "10.0.0.20"),
                AddressRange.parse("10.0.0.1", "10.0.0.9"),
                AddressRange.parse("10.0.0.15", "10.0.0.30"),
                AddressRange.parse("10.0.1.0", "10.0.1.0")));
        assertThat(n).containsExactly(AddressRange.parse("10.0.0.1", "10.0.0.30"), AddressRange.parse("10.0.1.0", "10.0.1.0"));
        assertThatThrownBy(() -> AddressRange.normalize(List.of(AddressRange.ofCidr("10.0.0.0/24"), AddressRange.ofCidr("fd00::/64"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
