package io.acicni.netconfig.input;

import java.util.List;

/** {@code aci_config.l3out}: the L3Out and its external networks. */
public record L3Out(String name, List<String> externalNetworks) {
    public L3Out {
        externalNetworks = externalNetworks == null ? List.of() : List.copyOf(externalNetworks);
    }
}
