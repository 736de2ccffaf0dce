package io.acicni.netconfig.fabric;

import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.conformance.FixtureOutputs;
import io.acicni.netconfig.conformance.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.acicni.netconfig.TestInputs.net;
import static org.assertj.core.api.Assertions.assertThat;

class FabricConfigFactoryTest {
    private static final String ANNOTATION = "annotation=orchestrator:aci-containers-controller";

    @Test
    void ipv6NodeSubnetAloneGetsTheNdPolicyUnlikeAccProvision() throws Exception {
        List<ApicRequest> requests = FabricConfigFactory.create(TestInputs.validate(net(
                "pod_subnet", "10.2.0.1/24", "extern_dynamic", "10.3.0.1/24", "extern_static", "10.4.0.1/24")));
        assertThat(FixtureOutputs.subnets(requests)).containsExactly(
                "kube-node-bd 10.1.0.1/16 ctrl= scope= nd=[] " + ANNOTATION,
                "kube-node-bd 2:2:1:1::1/64 ctrl=nd scope= nd=[kube-nd-ra-policy] " + ANNOTATION,
                "kube-pod-bd 10.2.0.1/24 ctrl= scope= nd=[] " + ANNOTATION);
        assertThat(FixtureOutputs.ndPolicies(requests)).hasSize(1);
        assertThat(FixtureOutputs.ndPolicies(requests).get(0).path("name").asText()).isEqualTo("kube-nd-ra-policy");
    }

    @Test
    void ipv4OnlyHasNoNdPolicy() throws Exception {
        List<ApicRequest> requests = FabricConfigFactory.create(TestInputs.validate(net(
                "node_subnet", "10.1.0.1/16", "pod_subnet", "10.2.0.1/24", "extern_dynamic", "10.3.0.1/24",
                "extern_static", "10.4.0.1/24")));
        assertThat(FixtureOutputs.ndPolicies(requests)).isEmpty();
    }

    @Test
    void podsWithExternalAccessGetPublicScopeAndTheL3OutRelation() throws Exception {
        String yaml = TestInputs.yaml(net()) + "kube_config:\n  allow_pods_external_access: true\n";
        List<ApicRequest> requests = FabricConfigFactory.create(TestInputs.validate(yaml, TestInputs.k8s()));
        assertThat(FixtureOutputs.subnets(requests)).contains(
                "kube-pod-bd 1:2:1:1::1/64 ctrl=nd scope=public nd=[kube-nd-ra-policy] " + ANNOTATION);
        String tenant = ApicConfigText.format(requests);
        assertThat(tenant.indexOf("fvRsBDToOut", tenant.indexOf("kube-pod-bd"))).isPositive();
    }

    @Test
    void aPreExistingTenantIsNotMarkedAsOurs() throws Exception {
        String yaml = TestInputs.yaml(net()).replace("aci_config:\n", "aci_config:\n  tenant:\n    name: shared\n");
        List<ApicRequest> requests = FabricConfigFactory.create(TestInputs.validate(yaml, TestInputs.k8s()));
        ApicRequest tenant = requests.stream().filter(r -> r.path().equals("/api/mo/uni/tn-shared.json")).findFirst()
                .orElseThrow();
        assertThat(tenant.body().path("fvTenant").path("attributes").has("annotation")).isFalse();
        assertThat(tenant.body().path("fvTenant").path("children").get(0).path("fvBD").path("attributes")
                .path("annotation").asText()).isEqualTo(ApicObject.ANNOTATION);
    }

    @Test
    void tenantCommonAndL3OutEntriesAreByteForByteTheFixtures() throws Exception {
        String expected = Fixtures.read(Fixtures.expected("dualstack_base", ".apic.txt").orElseThrow());
        String actual = ApicConfigText.format(FabricConfigFactory.create(TestInputs.validate(net())));
        String common = actual.substring(0, actual.indexOf("/api/mo/uni/tn-kube.json"));
        assertThat(expected).contains(common);
        String l3out = actual.substring(actual.indexOf("/api/mo/uni/tn-common/out-l3out/instP-default.json"));
        assertThat(expected).contains(l3out);
    }

    @Test
    void textFormatRoundTrips() throws Exception {
        List<ApicRequest> requests = FabricConfigFactory.create(TestInputs.validate(net()));
        String text = ApicConfigText.format(requests);
        assertThat(ApicConfigText.format(ApicConfigText.parse(text))).isEqualTo(text);
        assertThat(ApicConfigText.parse(text)).hasSameSizeAs(requests);
    }
}
