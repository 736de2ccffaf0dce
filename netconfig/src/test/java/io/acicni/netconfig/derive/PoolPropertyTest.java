package io.acicni.netconfig.derive;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.acicni.netconfig.config.CniNetConfig;
import io.acicni.netconfig.config.IpRange;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Derived pools and gateways over generated subnets of both families. */
class PoolPropertyTest {

    @Provide
    Arbitrary<String> subnets() {
        Arbitrary<String> v4 = Combinators.combine(Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, 30))
                .as((bits, len) -> new IPv4Address(bits).toCanonicalString() + "/" + len);
        Arbitrary<String> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(),
                        Arbitraries.integers().between(0, 126))
                .as((high, low, len) -> v6(high, low) + "/" + len);
        return Arbitraries.oneOf(v4, v6);
    }

    private static String v6(long high, long low) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return new IPv6Address(bytes).toCanonicalString();
    }

    @Property(tries = 500)
    void poolLiesInsideItsSubnetAndAvoidsReservedAddresses(@ForAll("subnets") String subnet) throws Exception {
        Cidr cidr = Cidr.parse(subnet);
        IpRange pool = Pools.pool(cidr);
        IPAddress start = pool.startAddress();
        IPAddress end = pool.endAddress();
        assertThat(pool.family()).isEqualTo(cidr.family());
        assertThat(IpFamily.of(end)).isEqualTo(cidr.family());
        assertThat(cidr.contains(start)).isTrue();
        assertThat(cidr.contains(end)).isTrue();
        assertThat(start.compareTo(end)).isLessThanOrEqualTo(0);
        for (IPAddress reserved : new IPAddress[] {cidr.networkAddress(), cidr.gateway(), cidr.lastAddress()}) {
            assertThat(inRange(reserved, start, end)).as("%s outside %s", reserved, pool).isFalse();
        }
        BigInteger size = end.getValue().subtract(start.getValue()).add(BigInteger.ONE);
        assertThat(size).isEqualTo(cidr.block().getCount().subtract(BigInteger.valueOf(3)));
    }

    @Property(tries = 500)
    void cniNetConfigUsesNetworkPlusOneAndTheFamilysDefaultRoute(@ForAll("subnets") String subnet) throws Exception {
        Cidr cidr = Cidr.parse(subnet);
        CniNetConfig entry = Pools.cniNetConfig(cidr);
        IPAddress gateway = IpText.parseAddress(entry.gateway());
        assertThat(gateway).isEqualTo(cidr.networkAddress().increment(1));
        assertThat(entry.family()).isEqualTo(cidr.family());
        assertThat(entry.routes()).singleElement().satisfies(r -> {
            assertThat(r.dst()).isEqualTo(cidr.family().defaultRoute());
            assertThat(r.gw()).isEqualTo(entry.gateway());
        });
        assertThat(Cidr.parse(entry.subnet()).isNetworkAddressTyped()).isTrue();
        assertThat(entry.gateway()).isEqualTo(entry.gateway().toLowerCase());
    }

    private static boolean inRange(IPAddress address, IPAddress start, IPAddress end) {
        return address.compareTo(start) >= 0 && address.compareTo(end) <= 0;
    }
}
