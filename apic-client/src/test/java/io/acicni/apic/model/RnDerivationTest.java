package io.acicni.apic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** rn/dn vectors from the reference (aci-containers constructor tests) and the brief's class list. */
class RnDerivationTest {

    private static String dn(String parent, ApicObject o) {
        return o.dnUnder(parent);
    }

    @Test
    void referenceVectors() {
        assertThat(dn("fake/dn", ApicObject.of("fvSubnet").attr("ip", "1.1.3.4/24")))
                .isEqualTo("fake/dn/subnet-[1.1.3.4/24]");
        assertThat(dn("fake/dn", ApicObject.of("l3extSubnet").attr("ip", "1.1.1.1/10")))
                .isEqualTo("fake/dn/extsubnet-[1.1.1.1/10]");
        String out = dn(dn("uni", ApicObject.of("fvTenant").attr("name", "common")),
                ApicObject.of("l3extOut").attr("name", "out1"));
        assertThat(dn(out, ApicObject.of("l3extInstP").attr("name", "name1")))
                .isEqualTo("uni/tn-common/out-out1/instP-name1");
        assertThat(dn("fake/dn", ApicObject.of("vnsRedirectDest").attr("ip", "1.1.1.1").attr("mac", "AA:BB:CC:DD:EE:FF")))
                .isEqualTo("fake/dn/RedirectDest_ip-[1.1.1.1]");
        assertThat(dn("uni/tn-common", ApicObject.of("fvBD").attr("name", "test"))).isEqualTo("uni/tn-common/BD-test");
    }

    @Test
    void dualStackClasses() {
        String tn = "uni/tn-kube";
        assertThat(dn(tn, ApicObject.of("ndPfxPol").attr("name", "kube-nd-ra-policy")))
                .isEqualTo("uni/tn-kube/ndPfxPol-kube-nd-ra-policy");
        String subnet = dn(tn + "/BD-kube-pod-bd", ApicObject.of("fvSubnet").attr("ip", "1:2:1:1::1/64"));
        assertThat(subnet).isEqualTo("uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]");
        assertThat(dn(subnet, ApicObject.of("fvRsNdPfxPol").attr("tnNdPfxPolName", "kube-nd-ra-policy")))
                .isEqualTo(subnet + "/rsNdPfxPol");
        assertThat(dn(tn + "/BD-x", ApicObject.of("fvRsCtx").attr("tnFvCtxName", "kube"))).isEqualTo(tn + "/BD-x/rsctx");
        assertThat(dn(tn + "/BD-x", ApicObject.of("fvRsBDToOut").attr("tnL3extOutName", "l3out")))
                .isEqualTo(tn + "/BD-x/rsBDToOut-l3out");
        String cont = dn(tn, ApicObject.of("vnsSvcCont"));
        assertThat(cont).isEqualTo("uni/tn-kube/svcCont");
        String pol = dn(cont, ApicObject.of("vnsSvcRedirectPol").attr("name", "kube_svc_global"));
        assertThat(pol).isEqualTo("uni/tn-kube/svcCont/svcRedirectPol-kube_svc_global");
        assertThat(dn(pol, ApicObject.of("vnsRedirectDest").attr("ip", "fd00::5")))
                .isEqualTo(pol + "/RedirectDest_ip-[fd00::5]");
        assertThat(dn("uni/tn-common/out-l3out/instP-svc", ApicObject.of("l3extSubnet").attr("ip", "2001:db8::10/128")))
                .isEqualTo("uni/tn-common/out-l3out/instP-svc/extsubnet-[2001:db8::10/128]");
        assertThat(dn("x", ApicObject.of("tagAnnotation").attr("key", "aci-containers-controller-tag")))
                .isEqualTo("x/annotationKey-[aci-containers-controller-tag]");
        assertThat(dn("x", ApicObject.of("tagInst").attr("name", "kube-abc"))).isEqualTo("x/tag-kube-abc");
    }

    @Test
    void explicitDnAndRnWin() {
        ApicObject o = ApicObject.of("fvBD").attr("dn", "uni/tn-a/BD-b").attr("name", "ignored");
        assertThat(o.dnUnder("uni/tn-other")).isEqualTo("uni/tn-a/BD-b");
        assertThat(ApicObject.of("unknownClass").attr("rn", "thing-1").rn()).isEqualTo("thing-1");
    }

    @Test
    void missingNamingAttributeIsAnError() {
        assertThatThrownBy(() -> ApicObject.of("fvSubnet").attr("scope", "public").rn())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fvSubnet");
        assertThat(ApicObject.of("noSuchClass").findRn()).isEmpty();
    }

    @Test
    void postTargetResolution() {
        // own DN: acc-provision posts the tenant to its own DN
        assertThat(ApicObject.of("fvTenant").attr("name", "kube").resolveDn("uni/tn-kube")).isEqualTo("uni/tn-kube");
        // parent DN: fvRsProv posted to the external EPG
        assertThat(ApicObject.of("fvRsProv").attr("tnVzBrCPName", "c").resolveDn("uni/tn-common/out-l3out/instP-default"))
                .isEqualTo("uni/tn-common/out-l3out/instP-default/rsprov-c");
        // no naming attribute: the URL is the object
        assertThat(ApicObject.of("unknownX").attr("addr", "1.2.3.4").resolveDn("uni/x/ip-[1.2.3.4]"))
                .isEqualTo("uni/x/ip-[1.2.3.4]");
    }
}
