package io.acicni.netconfig.input;

/** {@code aci_config.vrf}: the VRF the cluster's bridge domains attach to. */
public record Vrf(String name, String tenant) {
    /** {@code uni/tn-<tenant>/ctx-<name>}. */
    public String dn() {
        return "uni/tn-" + tenant + "/ctx-" + name;
    }
}
