package io.acicni.netconfig.derive;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.CniNetConfig;
import io.acicni.netconfig.config.IpRange;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.validate.ValidatedInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.acicni.netconfig.TestInputs.net;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole inputs with generated dual-stack subnets (each field in its own /16 of each family, so
 * they never overlap): every pool and cni-netconfig entry matches its subnet entry, in order,
 * family for family.
 */
class ProvisioningPropertyTest {

    /** A subnet inside the field's own /16: 10.<n>.x.x/16..30 or fd<n>::/16..126. */
    private static Arbitrary<String> v4(int n) {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(16, 30))
                .as((low, len) -> new IPv4Address((10 << 24) | (n << 16) | low).toCanonicalString() + "/" + len);
    }

    private static Arbitrary<String> v6(int n) {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers().between(16, 126))
                .as((high, low, len) -> {
                    byte[] bytes = new byte[16];
                    for (int i = 0; i < 8; i++) {
                        bytes[i] = (byte) (high >>> (56 - 8 * i));
                        bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
                    }
                    bytes[0] = (byte) 0xfd;
                    bytes[1] = (byte) n;
                    return new IPv6Address(bytes).toCanonicalString() + "/" + len;
                });
    }

    /** One v4 and one v6 subnet in either order, or only one of them. */
    private static Arbitrary<List<String>> field(int n) {
        return Combinators.combine(v4(n), v6(n), Arbitraries.integers().between(0, 3)).as((a, b, shape) -> switch (shape) {
            case 0 -> List.of(a, b);
            case 1 -> List.of(b, a);
            case 2 -> List.of(a);
            default -> List.of(b);
        });
    }

    @Provide
    Arbitrary<Map<String, Object>> inputs() {
        return Combinators.combine(field(1), field(2), field(3), field(4))
                .as((pod, dynamic, fixed, svc) -> net(
                        "node_subnet", List.of("10.200.0.1/16", "fd99::1/64"),
                        "pod_subnet", pod, "extern_dynamic", dynamic, "extern_static", fixed,
                        "node_svc_subnet", svc));
    }

    @Property(tries = 200)
    void everyDerivedEntryMatchesItsSubnet(@ForAll("inputs") Map<String, Object> overrides) throws Exception {
        ValidatedInput validated;
        try {
            validated = TestInputs.validate(overrides);
        } catch (io.acicni.netconfig.validate.ValidationException e) {
            // dual externs with single-family pods are rightly refused; nothing else may be
            assertThat(e.messages()).first().asString().startsWith("Please provide a valid Dualstack configuration");
            return;
        }
        AciContainersConfig config = AciContainersConfigFactory.create(validated);
        checkPools(validated.plan().podSubnets(), config.controller().podIpPool());
        checkPools(validated.plan().externDynamic(), config.controller().serviceIpPool());
        checkPools(validated.plan().externStatic(), config.controller().staticServiceIpPool());
        checkPools(validated.plan().nodeServiceSubnets(), config.controller().nodeServiceIpPool());
        List<CniNetConfig> cni = config.hostAgent().cniNetConfig();
        List<Cidr> pods = validated.plan().podSubnets();
        assertThat(cni).hasSameSizeAs(pods);
        for (int i = 0; i < pods.size(); i++) {
            assertThat(cni.get(i).family()).isEqualTo(pods.get(i).family());
            assertThat(pods.get(i).contains(new inet.ipaddr.IPAddressString(cni.get(i).gateway()).getAddress())).isTrue();
        }
        assertThat(config.controller().podSubnets()).containsExactlyElementsOf(
                pods.stream().map(Cidr::text).toList());
    }

    private static void checkPools(List<Cidr> subnets, List<IpRange> pools) {
        assertThat(pools).hasSameSizeAs(subnets);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            Cidr subnet = subnets.get(i);
            IpRange pool = pools.get(i);
            if (pool.family() != subnet.family() || !subnet.contains(pool.startAddress())
                    || !subnet.contains(pool.endAddress())
                    || pool.startAddress().equals(subnet.gateway())
                    || pool.endAddress().equals(subnet.lastAddress())) {
                problems.add(subnet + " -> " + pool);
            }
        }
        assertThat(problems).isEmpty();
    }
}
