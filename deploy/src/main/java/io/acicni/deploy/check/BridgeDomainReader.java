package io.acicni.deploy.check;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicQuery;
import io.acicni.apic.model.ApicObject;

import java.util.List;
import java.util.Optional;

/** Reads the {@code fvSubnet} children of a bridge domain; empty when the BD does not exist. */
@FunctionalInterface
public interface BridgeDomainReader {

    Optional<List<ApicObject>> subnets(String bdDn);

    /** Over the APIC client: {@code GET /api/mo/<bd>.json?rsp-subtree=children&rsp-subtree-class=fvSubnet}. */
    static BridgeDomainReader of(ApicClient client) {
        return bdDn -> client.getMo(bdDn, ApicQuery.create().rspSubtree("children").rspSubtreeClass("fvSubnet"))
                .stream().findFirst()
                .map(bd -> bd.children().stream().filter(c -> "fvSubnet".equals(c.className())).toList());
    }
}
