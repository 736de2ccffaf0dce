package io.acicni.apicsync.reconcile;

import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicObject;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.ApicRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The static part of the fabric that apic-sync keeps in sync: from the fabric objects that
 * {@code aci-dualstack provision --apic-json} writes, the cluster tenant's bridge domains with every
 * {@code fvSubnet} of both families (IPv6 ones with {@code ctrl: nd} and {@code fvRsNdPfxPol}) and
 * the tenant's {@code ndPfxPol}. The tenant and the bridge domains themselves stay provision's: only
 * the subnets and the ND policy are ours.
 */
public final class StaticFabric {
    /** A bridge domain (dn) and the subnets it must hold. */
    public record BridgeDomain(String dn, String name, List<ApicObject> subnets) {
    }

    private final List<BridgeDomain> bridgeDomains;
    private final List<ApicObject> ndPolicies;

    private StaticFabric(List<BridgeDomain> bridgeDomains, List<ApicObject> ndPolicies) {
        this.bridgeDomains = List.copyOf(bridgeDomains);
        this.ndPolicies = List.copyOf(ndPolicies);
    }

    public static StaticFabric empty() {
        return new StaticFabric(List.of(), List.of());
    }

    /** Reads the {@code --apic-json} text (path line, then JSON, per request). */
    public static StaticFabric fromProvisionOutput(String text) {
        List<BridgeDomain> bds = new ArrayList<>();
        List<ApicObject> nd = new ArrayList<>();
        for (ApicRequest request : ApicConfigText.parse(text)) {
            if (!request.hasBody()) {
                continue;
            }
            ApicObject root = ApicJson.readObject(request.body());
            if (!"fvTenant".equals(root.className()) || "common".equals(root.attribute("name"))) {
                continue;
            }
            String tenantDn = "uni/tn-" + root.attribute("name");
            for (ApicObject child : root.children()) {
                if ("fvBD".equals(child.className())) {
                    List<ApicObject> subnets = new ArrayList<>();
                    for (ApicObject s : child.children()) {
                        if ("fvSubnet".equals(s.className())) {
                            ApicObject subnet = s.copy();
                            subnet.removeAttr("annotation");
                            subnets.add(subnet);
                        }
                    }
                    bds.add(new BridgeDomain(tenantDn + "/BD-" + child.attribute("name"), child.attribute("name"), subnets));
                } else if ("ndPfxPol".equals(child.className())) {
                    ApicObject policy = child.copy();
                    policy.removeAttr("annotation");
                    policy.attr("dn", tenantDn + "/ndPfxPol-" + child.attribute("name"));
                    nd.add(policy);
                }
            }
        }
        return new StaticFabric(bds, nd);
    }

    public List<BridgeDomain> bridgeDomains() {
        return bridgeDomains;
    }

    public List<ApicObject> ndPolicies() {
        return ndPolicies;
    }
}
