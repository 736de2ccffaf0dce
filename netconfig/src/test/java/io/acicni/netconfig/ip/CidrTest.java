package io.acicni.netconfig.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // subnet, first, last, gateway, network
            "1:2:1:1::1/64, 1:2:1:1::2, 1:2:1:1:ffff:ffff:ffff:fffe, 1:2:1:1::1, 1:2:1:1::/64",
            "1:3:1:1::1/96, 1:3:1:1::2, 1:3:1:1::ffff:fffe, 1:3:1:1::1, 1:3:1:1::/96",
            "2001:0fb8:0042:0000:0000:0000:0000:0001/56, 2001:fb8:42::2, 2001:fb8:42:ff:ffff:ffff:ffff:fffe, 2001:fb8:42::1, 2001:fb8:42::/56",
            "10.2.0.5/24, 10.2.0.2, 10.2.0.254, 10.2.0.1, 10.2.0.0/24",
            "10.1.0.1/16, 10.1.0.2, 10.1.255.254, 10.1.0.1, 10.1.0.0/16",
            "2001:0DB8:0042::0001/64, 2001:db8:42::2, 2001:db8:42:0:ffff:ffff:ffff:fffe, 2001:db8:42::1, 2001:db8:42::/64",
            "10.9.9.9/30, 10.9.9.10, 10.9.9.10, 10.9.9.9, 10.9.9.8/30",
    })
    void derivesLikeAccProvisionCidrSplit(String subnet, String first, String last, String gateway, String network)
            throws Exception {
        Cidr cidr = Cidr.parse(subnet);
        assertThat(IpText.format(cidr.firstPoolAddress())).isEqualTo(first);
        assertThat(IpText.format(cidr.lastPoolAddress())).isEqualTo(last);
        assertThat(IpText.format(cidr.gateway())).isEqualTo(gateway);
        assertThat(cidr.networkText()).isEqualTo(network);
        assertThat(cidr.text()).isEqualTo(subnet);
    }

    @Test
    void keepsTheTypedTextAndDetectsTheNetworkAddress() throws Exception {
        assertThat(Cidr.parse("10.2.0.0/24").isNetworkAddressTyped()).isTrue();
        assertThat(Cidr.parse("10.2.0.1/24").isNetworkAddressTyped()).isFalse();
        assertThat(Cidr.parse("1:2:1:1::/64").isNetworkAddressTyped()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.2.0.1/33", "1:2::1/129", "10.2.0.1", "1:2::1", "10.2.0.1/31", "10.2.0.1/32",
            "1:2::1/127", "1:2::1/128", "10.2.0.1/", "10.2.0.1/x", "10.2.0.1/2/4", "1:2::1/255.255.0.0"})
    void rejectsPrefixesAccProvisionCrashesOn(String subnet) {
        assertThatThrownBy(() -> Cidr.parse(subnet)).isInstanceOf(CidrFormatException.class);
    }

    @Test
    void explainsEachPrefixProblem() {
        assertThatThrownBy(() -> Cidr.parse("10.2.0.1/33")).hasMessage(
                "has prefix length /33, longer than the 32 bits of an IPv4 address");
        assertThatThrownBy(() -> Cidr.parse("1:2::1/129")).hasMessage(
                "has prefix length /129, longer than the 128 bits of an IPv6 address");
        assertThatThrownBy(() -> Cidr.parse("10.2.0.1")).hasMessage(
                "has no prefix length; write it as <address>/<length>");
        assertThatThrownBy(() -> Cidr.parse("1:2::1/127")).hasMessage(
                "/127 has too few host addresses for a gateway and a pool (IPv6 needs /126 or shorter)");
    }

    @Test
    void acceptsADottedNetmaskLikePython() throws Exception {
        assertThat(Cidr.parse("10.2.0.1/255.255.255.0").prefixLength()).isEqualTo(24);
        assertThat(Cidr.parse("10.2.0.1/024").prefixLength()).isEqualTo(24);
        assertThat(Cidr.parse("1:2::1/00064").prefixLength()).isEqualTo(64);
        assertThatThrownBy(() -> Cidr.parse("10.2.0.1/99999999999999")).hasMessageContaining("longer than the 32 bits");
    }

    @Test
    void malformedAddressesUsePythonsMessage() {
        assertThatThrownBy(() -> Cidr.parse("10.0.1/16")).isInstanceOf(MalformedAddressException.class)
                .hasMessage("'10.0.1' does not appear to be an IPv4 or IPv6 address");
        assertThatThrownBy(() -> CidrParser.family("1:2:1:1::1::1/64"))
                .hasMessage("'1:2:1:1::1::1' does not appear to be an IPv4 or IPv6 address");
    }

    @Test
    void overlapsOnlyWithinAFamily() throws Exception {
        assertThat(Cidr.parse("10.2.0.1/24").overlaps(Cidr.parse("10.2.0.129/25"))).isTrue();
        assertThat(Cidr.parse("10.2.0.1/24").overlaps(Cidr.parse("10.2.1.1/24"))).isFalse();
        assertThat(Cidr.parse("1:2:1:1::1/64").overlaps(Cidr.parse("1:2::1/32"))).isTrue();
        assertThat(Cidr.parse("::a02:1/120").overlaps(Cidr.parse("10.2.0.1/24"))).isFalse();
    }
}
