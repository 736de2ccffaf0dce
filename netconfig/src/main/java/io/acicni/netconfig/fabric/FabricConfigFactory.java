package io.acicni.netconfig.fabric;

import io.acicni.netconfig.derive.AciNames;
import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.input.AciConfig;
import io.acicni.netconfig.input.KubeConfig;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.validate.ValidatedInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The APIC objects a dual-stack cluster needs: the tenant with node and pod bridge domains (VRF
 * relation, L3Out relation, one {@code fvSubnet} per input entry, {@code ctrl: nd} and an
 * {@code fvRsNdPfxPol} on IPv6 ones), the tenant's {@code ndPfxPol}, and the L3Out contract with
 * its provider relation on each external network.
 *
 * <p>Deviation from acc-provision: its {@code hasV6()} only looks at pod_subnet, so an IPv6 node
 * subnet with an IPv4-only pod subnet gets no ND policy and an empty relation list. Here any IPv6
 * node or pod subnet creates the policy and the relations.
 */
public final class FabricConfigFactory {
    static final String ND_CTRL = "on-link,router-address";
    static final String ND_LIFETIME = "2592000";
    static final String ND_PREF_LIFETIME = "604800";

    private FabricConfigFactory() {
    }

    public static List<ApicRequest> create(ValidatedInput validated) {
        AciConfig aci = validated.input().aciConfig();
        AciNames names = new AciNames(aci);
        List<ApicRequest> requests = new ArrayList<>();
        requests.add(ApicRequest.post("/api/mo/uni/tn-common.json", commonTenant(names)));
        requests.add(ApicRequest.deleteOnly("/api/mo/uni/tn-common/flt-" + names.allowAllFilter() + ".json"));
        requests.add(ApicRequest.deleteOnly("/api/mo/uni/tn-common/brc-" + names.l3outContract() + ".json"));
        requests.add(ApicRequest.post("/api/mo/uni/tn-" + names.tenant() + ".json",
                clusterTenant(aci, validated.input().kubeConfig(), validated.plan(), names)));
        String l3out = "/api/mo/uni/tn-" + aci.vrf().tenant() + "/out-" + aci.l3out().name();
        for (String network : aci.l3out().externalNetworks()) {
            requests.add(ApicRequest.post(l3out + "/instP-" + network + ".json", ApicObject.of("fvRsProv")
                    .attr("matchT", "AtleastOne")
                    .attr("tnVzBrCPName", names.l3outContract())));
            requests.add(ApicRequest.deleteOnly(l3out + "/instP-" + network + "/rsprov-" + names.l3outContract() + ".json"));
        }
        return requests;
    }

    /** True when any node or pod subnet is IPv6 (acc-provision only checks pod subnets). */
    public static boolean needsNdPolicy(NetworkPlan plan) {
        return plan.nodeFamilies().contains(IpFamily.IPV6) || plan.podFamilies().contains(IpFamily.IPV6);
    }

    private static ApicObject commonTenant(AciNames names) {
        return ApicObject.of("fvTenant").notOwned()
                .attr("name", "common").attr("dn", "uni/tn-common")
                .child(ApicObject.of("vzFilter").attr("name", names.allowAllFilter())
                        .child(ApicObject.of("vzEntry").attr("name", "allow-all")))
                .child(ApicObject.of("vzBrCP").attr("name", names.l3outContract())
                        .child(ApicObject.of("vzSubj").attr("name", "allow-all-subj")
                                .attr("consMatchT", "AtleastOne").attr("provMatchT", "AtleastOne")
                                .child(ApicObject.of("vzRsSubjFiltAtt").attr("tnVzFilterName", names.allowAllFilter()))));
    }

    private static ApicObject clusterTenant(AciConfig aci, KubeConfig kube, NetworkPlan plan, AciNames names) {
        boolean ndPolicy = needsNdPolicy(plan);
        ApicObject tenant = ApicObject.of("fvTenant").attr("name", names.tenant()).attr("dn", "uni/tn-" + names.tenant());
        if (aci.tenantName() != null) {
            tenant.notOwned();
        }
        ApicObject nodeBd = ApicObject.of("fvBD").attr("name", names.nodeBd()).attr("arpFlood", "yes")
                .child(vrfRelation(aci))
                .child(l3outRelation(aci));
        plan.nodeSubnets().forEach(c -> nodeBd.child(subnet(c, false, ndPolicy, names)));
        ApicObject podBd = ApicObject.of("fvBD").attr("name", names.podBd()).child(vrfRelation(aci));
        if (kube.allowPodsExternalAccess()) {
            podBd.child(l3outRelation(aci));
        }
        plan.podSubnets().forEach(c -> podBd.child(subnet(c, kube.allowPodsExternalAccess(), ndPolicy, names)));
        tenant.child(nodeBd).child(podBd);
        if (ndPolicy) {
            tenant.child(ApicObject.of("ndPfxPol")
                    .attr("ctrl", ND_CTRL)
                    .attr("lifetime", ND_LIFETIME)
                    .attr("name", names.ndPolicy())
                    .attr("prefLifetime", ND_PREF_LIFETIME));
        }
        return tenant;
    }

    private static ApicObject vrfRelation(AciConfig aci) {
        return ApicObject.of("fvRsCtx").attr("tnFvCtxName", aci.vrf().name());
    }

    private static ApicObject l3outRelation(AciConfig aci) {
        return ApicObject.of("fvRsBDToOut").attr("tnL3extOutName", aci.l3out().name());
    }

    /** The subnet as typed; IPv6 ones get {@code ctrl: nd} and the ND policy relation. */
    private static ApicObject subnet(Cidr cidr, boolean publicScope, boolean ndPolicy, AciNames names) {
        ApicObject subnet = ApicObject.of("fvSubnet").attr("ip", cidr.text());
        if (publicScope) {
            subnet.attr("scope", "public");
        }
        if (cidr.family() == IpFamily.IPV6) {
            subnet.attr("ctrl", "nd").withChildren();
            if (ndPolicy) {
                subnet.child(ApicObject.of("fvRsNdPfxPol").attr("tnNdPfxPolName", names.ndPolicy()));
            }
        }
        return subnet;
    }
}
