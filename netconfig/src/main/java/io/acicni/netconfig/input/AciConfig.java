package io.acicni.netconfig.input;

import java.util.List;

/**
 * {@code aci_config} of the acc-provision input, as far as the suite needs it.
 *
 * @param systemId          {@code system_id}, also the default tenant name and ACI prefix
 * @param legacyNaming      {@code use_legacy_kube_naming_convention}: {@code kube-} object names
 * @param apicHosts         {@code apic_hosts}
 * @param apicLogin         {@code apic_login}
 * @param aep               {@code aep}
 * @param vrf               {@code vrf}
 * @param l3out             {@code l3out}
 * @param syncLogin         {@code sync_login}
 * @param vmmDomain         {@code vmm_domain}
 * @param tenantName        {@code tenant.name} when a pre-existing tenant is used, otherwise null
 * @param customEpgs        {@code custom_epgs}
 */
public record AciConfig(
        String systemId,
        boolean legacyNaming,
        List<String> apicHosts,
        ApicLogin apicLogin,
        String aep,
        Vrf vrf,
        L3Out l3out,
        SyncLogin syncLogin,
        VmmDomain vmmDomain,
        String tenantName,
        List<String> customEpgs) {

    public AciConfig {
        apicHosts = apicHosts == null ? List.of() : List.copyOf(apicHosts);
        customEpgs = customEpgs == null ? List.of() : List.copyOf(customEpgs);
        apicLogin = apicLogin == null ? ApicLogin.NONE : apicLogin;
    }

    /** The tenant holding the cluster's objects: {@code tenant.name}, else {@code system_id}. */
    public String tenant() {
        return tenantName != null ? tenantName : systemId;
    }
}
