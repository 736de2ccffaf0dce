package io.acicni.netconfig.input;

/** {@code aci_config.vmm_domain}: encapsulation and multicast range of the VMM domain. */
public record VmmDomain(String encapType, String mcastRangeStart, String mcastRangeEnd) {
    public static final VmmDomain DEFAULT = new VmmDomain("vxlan", null, null);
}
