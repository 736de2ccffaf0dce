package io.acicni.netconfig.input;

import java.util.List;

/**
 * {@code net_config} after acc-provision's string-to-list normalisation: every subnet field is a
 * list of the strings as typed (null when the key is absent).
 *
 * @param nodeSubnet            {@code node_subnet}
 * @param podSubnet             {@code pod_subnet}
 * @param externDynamic         {@code extern_dynamic}
 * @param externStatic          {@code extern_static}
 * @param nodeSvcSubnet         {@code node_svc_subnet}; a string in acc-provision, here also a list
 *                              of at most one subnet per family
 * @param kubeapiVlan           {@code kubeapi_vlan}
 * @param serviceVlan           {@code service_vlan}
 * @param infraVlan             {@code infra_vlan}
 * @param podSubnetChunkSize    {@code pod_subnet_chunk_size}, default 32
 * @param serviceMonitorInterval {@code service_monitor_interval}, default 5
 * @param pbrTrackingNonSnat    {@code pbr_tracking_non_snat}, default false
 * @param interfaceMtu          {@code interface_mtu}, null when absent
 */
public record NetConfig(
        List<String> nodeSubnet,
        List<String> podSubnet,
        List<String> externDynamic,
        List<String> externStatic,
        List<String> nodeSvcSubnet,
        Integer kubeapiVlan,
        Integer serviceVlan,
        Integer infraVlan,
        int podSubnetChunkSize,
        int serviceMonitorInterval,
        boolean pbrTrackingNonSnat,
        Integer interfaceMtu) {

    public static final int DEFAULT_POD_SUBNET_CHUNK_SIZE = 32;
    public static final int DEFAULT_SERVICE_MONITOR_INTERVAL = 5;

    public NetConfig {
        nodeSubnet = copy(nodeSubnet);
        podSubnet = copy(podSubnet);
        externDynamic = copy(externDynamic);
        externStatic = copy(externStatic);
        nodeSvcSubnet = copy(nodeSvcSubnet);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** The value of a subnet field by its input key, null when absent. */
    public List<String> subnets(SubnetField field) {
        return switch (field) {
            case NODE_SUBNET -> nodeSubnet;
            case POD_SUBNET -> podSubnet;
            case EXTERN_DYNAMIC -> externDynamic;
            case EXTERN_STATIC -> externStatic;
            case NODE_SVC_SUBNET -> nodeSvcSubnet;
        };
    }
}
