package io.acicni.apicsync.reconcile;

/**
 * Where the dynamic objects go: the L3Out that holds one external EPG per LoadBalancer service, and
 * the service redirect policy that lists every node's service endpoint.
 *
 * @param prefix        the system id, used in object names and the ownership tag
 * @param l3outTenant   tenant of the L3Out (usually the VRF's tenant)
 * @param l3out         the L3Out name
 * @param serviceTenant tenant of the service graph objects (the cluster tenant)
 */
public record FabricNames(String prefix, String l3outTenant, String l3out, String serviceTenant) {

    public String l3outDn() {
        return "uni/tn-" + l3outTenant + "/out-" + l3out;
    }

    /** The external EPG of a LoadBalancer service. */
    public String externalEpg(String namespace, String name) {
        return prefix + "_svc_" + namespace + "_" + name;
    }

    public String serviceContainerDn() {
        return "uni/tn-" + serviceTenant + "/svcCont";
    }

    public String redirectPolicy() {
        return prefix + "_svc_global";
    }
}
