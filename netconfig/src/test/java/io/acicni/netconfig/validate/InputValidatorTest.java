package io.acicni.netconfig.validate;

import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.acicni.netconfig.TestInputs.errors;
import static io.acicni.netconfig.TestInputs.net;
import static io.acicni.netconfig.TestInputs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The validations of acc-provision's section 1.2/1.6 and the checks beyond it. */
class InputValidatorTest {
    private static final String PLEASE =
            "Please provide a valid Dualstack configuration with both IPv4 and IPv6 addresses for node and pod subnets.";

    @Test
    void acceptsTheDualStackBase() {
        assertThatCode(() -> validate(net())).doesNotThrowAnyException();
    }

    @Test
    void nodeSubnetWithoutIpv4StillSaysDoesNotHaveIpv6() {
        assertThat(errors(net("node_subnet", List.of("2:2:1:1::1/64"), "pod_subnet", List.of("10.2.0.1/24"),
                "extern_dynamic", "10.3.0.1/24", "extern_static", "10.4.0.1/24")))
                .containsExactly(PLEASE, "Node Subnet 2:2:1:1::1/64 does not have IPv6");
        assertThat(errors(net("node_subnet", "2:2:1:1::1/64")))
                .containsExactly(PLEASE, "Node Subnet 2:2:1:1::1/64 does not have IPv6");
    }

    @Test
    void podV6OnlyWithDualExternsGivesTheExternMessage() {
        assertThat(errors(net("pod_subnet", List.of("1:2:1:1::1/64")))).containsExactly(PLEASE,
                "If extern_static 10.4.0.1/24 1:6:1:1::1/64 or extern_dynamic 10.3.0.1/24 1:5:1:1::1/64 configured "
                        + "with IPv6, then pod_subnet 1:2:1:1::1/64 and node_subnet 10.1.0.1/16 2:2:1:1::1/64 must have IPv6.");
    }

    @Test
    void externMessageNamesAnAbsentExternStaticInsteadOfCrashing() {
        assertThat(errors(net("pod_subnet", "10.2.0.1/24", "extern_static", null))).containsExactly(PLEASE,
                "If extern_static (not set) or extern_dynamic 10.3.0.1/24 1:5:1:1::1/64 configured with IPv6, "
                        + "then pod_subnet 10.2.0.1/24 and node_subnet 10.1.0.1/16 2:2:1:1::1/64 must have IPv6.");
    }

    @Test
    void singleFamilyExternsAreAccepted() throws Exception {
        assertThatCode(() -> validate(net("extern_dynamic", List.of("1:5:1:1::1/64"), "extern_static", "10.4.0.1/24")))
                .doesNotThrowAnyException();
        assertThatCode(() -> validate(net("pod_subnet", "10.2.0.1/24", "extern_static", List.of("1:6:1:1::1/64"),
                "extern_dynamic", "10.3.0.1/24"))).doesNotThrowAnyException();
    }

    @Test
    void refusesDualStackOnOldFlavors() {
        assertThat(errors(TestInputs.yaml(net()), Flavors.find("kubernetes-1.20").orElseThrow())).containsExactly(
                " Dualstack feature is not supported. Please upgrade to Kubernetes version 1.21 or later or "
                        + "OpenShift version 4.8 or later.");
        assertThatCode(() -> validate(TestInputs.yaml(net()), Flavors.find("kubernetes-1.21").orElseThrow()))
                .doesNotThrowAnyException();
    }

    @Test
    void singleStackIsFineOnOldFlavors() {
        Map<String, Object> v4 = net("node_subnet", "10.1.0.1/16", "pod_subnet", "10.2.0.1/24",
                "extern_dynamic", "10.3.0.1/24", "extern_static", "10.4.0.1/24");
        assertThatCode(() -> validate(TestInputs.yaml(v4), Flavors.find("kubernetes-1.20").orElseThrow()))
                .doesNotThrowAnyException();
    }

    @Test
    void malformedAddressStopsAtTheFirst() {
        assertThat(errors(net("pod_subnet", List.of("10.2.0.1/24", "1:2:1:1::1::1/64"),
                "node_subnet", List.of("10.0.1/16", "2:2:1:1::1/64"))))
                .containsExactly("1:2:1:1::1::1/64 is malformed. '1:2:1:1::1::1' does not appear to be an IPv4 or IPv6 address");
    }

    @Test
    void emptyInputListsEveryMissingOptionLikeAccProvision() {
        assertThat(errors("", TestInputs.k8s())).containsExactly(
                "Invalid configuration for aci_config/aep: Missing option",
                "Invalid configuration for aci_config/apic_host: Missing option",
                "Invalid configuration for aci_config/l3out/external-networks: Missing option",
                "Invalid configuration for aci_config/l3out/name: Missing option",
                "Invalid configuration for aci_config/system_id: Missing option",
                "Invalid configuration for aci_config/vrf/name: Missing option",
                "Invalid configuration for aci_config/vrf/tenant: Missing option",
                "Invalid configuration for net_config/extern_dynamic: Missing option",
                "Invalid configuration for net_config/extern_static: Missing option",
                "Invalid configuration for net_config/infra_vlan: Missing option",
                "Invalid configuration for net_config/kubeapi_vlan: Missing option",
                "Invalid configuration for net_config/node_subnet: Missing option",
                "Invalid configuration for net_config/node_svc_subnet: Missing option",
                "Invalid configuration for net_config/pod_subnet: Missing option",
                "Invalid configuration for net_config/service_vlan: Missing option",
                "Please fix configuration and retry.");
    }

    @Test
    void openShiftDoesNotNeedExternStatic() {
        Map<String, Object> noStatic = net("extern_static", null);
        assertThat(errors(noStatic)).contains("Invalid configuration for net_config/extern_static: Missing option");
        assertThatCode(() -> validate(TestInputs.yaml(noStatic), Flavors.find("openshift-4.18-baremetal").orElseThrow()))
                .doesNotThrowAnyException();
    }

    @Test
    void wrongTypesAreReportedWithTheMissingOptions() {
        assertThat(errors(net("kubeapi_vlan", "vlan-1", "interface_mtu", 9000))).containsExactly(
                "Invalid configuration for net_config/interface_mtu: Must be integer between 1280 and 8900",
                "Invalid configuration for net_config/kubeapi_vlan: Must be integer",
                "Please fix configuration and retry.");
    }

    @Test
    void overlappingSubnetsWithinAFamily() {
        assertThat(errors(net("pod_subnet", List.of("10.2.0.1/24", "2:2:1:1::1/80"))))
                .containsExactly("overlapping subnets found in configuration input file");
        assertThat(errors(net("extern_static", List.of("10.3.0.1/24", "1:6:1:1::1/64"))))
                .containsExactly("overlapping subnets found in configuration input file");
    }

    @Test
    void badPrefixesNameFieldAndValue() {
        assertThat(errors(net("pod_subnet", List.of("10.2.0.1/33", "1:2:1:1::1/129")))).containsExactly(
                "Invalid configuration for net_config/pod_subnet: 10.2.0.1/33 has prefix length /33, longer than the 32 bits of an IPv4 address",
                "Invalid configuration for net_config/pod_subnet: 1:2:1:1::1/129 has prefix length /129, longer than the 128 bits of an IPv6 address");
        assertThat(errors(net("node_subnet", List.of("10.1.0.1", "2:2:1:1::1/64")))).containsExactly(
                "Invalid configuration for net_config/node_subnet: 10.1.0.1 has no prefix length; write it as <address>/<length>");
        assertThat(errors(net("extern_dynamic", List.of("10.3.0.1/31", "1:5:1:1::1/127")))).containsExactly(
                "Invalid configuration for net_config/extern_dynamic: 10.3.0.1/31 /31 has too few host addresses for a gateway and a pool (IPv4 needs /30 or shorter)",
                "Invalid configuration for net_config/extern_dynamic: 1:5:1:1::1/127 /127 has too few host addresses for a gateway and a pool (IPv6 needs /126 or shorter)");
    }

    @Test
    void malformedNodeSvcSubnetIsReportedNotCrashed() {
        assertThat(errors(net("node_svc_subnet", "10.5.0/24")))
                .containsExactly("10.5.0/24 is malformed. '10.5.0' does not appear to be an IPv4 or IPv6 address");
    }

    @Test
    void nodeSvcSubnetMayBeAListOfOnePerFamily() throws Exception {
        ValidatedInput ok = validate(net("node_svc_subnet", List.of("10.5.0.1/24", "1:7:1:1::1/96")));
        assertThat(ok.plan().nodeServiceSubnets()).hasSize(2);
        assertThat(errors(net("node_svc_subnet", List.of("10.5.0.1/24", "10.6.0.1/24")))).containsExactly(
                "Invalid configuration for net_config/node_svc_subnet: give one subnet, or a list of one IPv4 and one IPv6 subnet");
    }

    @Test
    void listsOfOtherTypesAndEmptyListsAreNamed() {
        assertThat(errors(net("pod_subnet", List.of("10.2.0.1/24", 42)))).containsExactly(
                "Invalid configuration for net_config/pod_subnet: list entry the number 42 is not a string; every entry must be a subnet string");
        assertThat(errors(net("extern_dynamic", List.of()))).containsExactly(
                "Invalid configuration for net_config/extern_dynamic: the list is empty; give at least one subnet");
        assertThat(errors(net("node_subnet", Map.of("a", "b")))).containsExactly(
                "Invalid configuration for net_config/node_subnet: a mapping {\"a\":\"b\"} is not a subnet; give a string such as 10.2.0.1/16 or a list of such strings");
    }

    @Test
    void v6FirstIsAcceptedAndKeptButWarnedWhenOrdersDiffer() throws Exception {
        ValidatedInput allV6First = validate(net("node_subnet", List.of("2:2:1:1::1/64", "10.1.0.1/16"),
                "pod_subnet", List.of("1:2:1:1::1/64", "10.2.0.1/24"),
                "extern_dynamic", List.of("1:5:1:1::1/64", "10.3.0.1/24"),
                "extern_static", List.of("1:6:1:1::1/64", "10.4.0.1/24")));
        assertThat(allV6First.warnings()).isEmpty();
        assertThat(allV6First.plan().podSubnets().get(0).text()).isEqualTo("1:2:1:1::1/64");

        ValidatedInput mixed = validate(net("pod_subnet", List.of("1:2:1:1::1/64", "10.2.0.1/24")));
        assertThat(mixed.warnings()).containsExactly("IPv4 and IPv6 are not in the same order in every field: "
                + "IPv4 first in node_subnet, extern_dynamic, extern_static, IPv6 first in pod_subnet; keep one order "
                + "everywhere (the first family of pod_subnet is the cluster's primary family)");
    }

    @Test
    void moreThanOneSubnetOfAFamilyIsAcceptedWithAWarning() throws Exception {
        ValidatedInput input = validate(net("pod_subnet", List.of("10.2.0.1/24", "10.2.1.1/24", "1:2:1:1::1/64")));
        assertThat(input.plan().podSubnets()).hasSize(3);
        assertThat(input.warnings()).containsExactly("net_config/pod_subnet has 2 IPv4 subnets (10.2.0.1/24 "
                + "10.2.1.1/24); only the first IPv4 subnet is used for pod gateways and pod addresses");
    }

    @Test
    void networkAddressWhereAGatewayIsExpectedIsAcceptedWithAWarning() throws Exception {
        ValidatedInput input = validate(net("pod_subnet", List.of("10.2.0.0/24", "1:2:1:1::/64")));
        assertThat(input.warnings()).containsExactly(
                "net_config/pod_subnet 10.2.0.0/24 gives the network address where a gateway address is expected; "
                        + "the fabric gets 10.2.0.0/24 as typed, the gateway used is 10.2.0.1",
                "net_config/pod_subnet 1:2:1:1::/64 gives the network address where a gateway address is expected; "
                        + "the fabric gets 1:2:1:1::/64 as typed, the gateway used is 1:2:1:1::1");
    }

    @Test
    void podGatewayOtherThanNetworkPlusOneIsWarned() throws Exception {
        ValidatedInput input = validate(net("pod_subnet", List.of("10.2.0.5/24", "1:2:1:1::1/64")));
        assertThat(input.warnings()).containsExactly("net_config/pod_subnet 10.2.0.5/24: pods use gateway 10.2.0.1 "
                + "(network+1, as acc-provision computes), not the typed 10.2.0.5 that the fabric gets as its gateway");
    }

    @Test
    void ipv6OnlyIsNotDualStack() throws Exception {
        Map<String, Object> v6 = net("node_subnet", "1:1:1:1::1/64", "pod_subnet", "1:2:1:1::1/64",
                "extern_dynamic", "1:3:1:1::1/96", "extern_static", "1:4:1:1::1/96", "node_svc_subnet", "1:5:1:1::1/96");
        ValidatedInput input = validate(TestInputs.yaml(v6), Flavors.find("kubernetes-1.10").orElseThrow());
        assertThat(input.plan().isDualStack()).isFalse();
    }

    @Test
    void notYamlIsRejectedWithItsSource() {
        assertThat(errors("net_config: [unclosed", TestInputs.k8s()).get(0)).startsWith("Invalid YAML in test.yaml: ");
        assertThat(errors("- a\n- b\n", TestInputs.k8s())).containsExactly("Invalid configuration in test.yaml: "
                + "expected a mapping with aci_config, net_config, kube_config, registry, logging");
    }

    @Test
    void passwordNeverInToString() throws Exception {
        assertThat(InputReader.read(TestInputs.BASE, "x").toString()).doesNotContain("s3cr3t-Pa55");
    }
}
