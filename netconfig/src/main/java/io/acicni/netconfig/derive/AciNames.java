package io.acicni.netconfig.derive;

import io.acicni.netconfig.input.AciConfig;

/**
 * ACI object names of a cluster. With {@code use_legacy_kube_naming_convention} they start with
 * {@code kube-}; otherwise with {@code aci-containers-<system_id>-} (EPGs: {@code aci-containers-}).
 */
public final class AciNames {
    private final AciConfig aci;

    public AciNames(AciConfig aci) {
        this.aci = aci;
    }

    /** The prefix of BD, policy and contract names. */
    public String prefix() {
        return aci.legacyNaming() ? "kube-" : "aci-containers-" + aci.systemId() + "-";
    }

    public String tenant() {
        return aci.tenant();
    }

    public String appProfile() {
        return aci.legacyNaming() ? "kubernetes" : "aci-containers-" + aci.systemId();
    }

    /** An EPG name: {@code kube-<role>} or {@code aci-containers-<role>}. */
    public String epg(String role) {
        return (aci.legacyNaming() ? "kube-" : "aci-containers-") + role;
    }

    /** {@code <application profile>|<EPG>} as the config's endpoint-group names write it. */
    public String epgRef(String role) {
        return appProfile() + "|" + epg(role);
    }

    public String nodeBd() {
        return prefix() + "node-bd";
    }

    public String podBd() {
        return prefix() + "pod-bd";
    }

    public String nodeBdDn() {
        return "uni/tn-" + tenant() + "/BD-" + nodeBd();
    }

    public String podBdDn() {
        return "uni/tn-" + tenant() + "/BD-" + podBd();
    }

    /** The IPv6 router-advertisement policy: {@code <prefix>nd-ra-policy}. */
    public String ndPolicy() {
        return prefix() + "nd-ra-policy";
    }

    public String allowAllFilter() {
        return prefix() + "allow-all-filter";
    }

    public String l3outContract() {
        return prefix() + "l3out-allow-all";
    }

    public String physicalDomain() {
        return aci.legacyNaming() ? aci.systemId() + "-pdom" : "aci-containers-" + aci.systemId() + "-pdom";
    }
}
