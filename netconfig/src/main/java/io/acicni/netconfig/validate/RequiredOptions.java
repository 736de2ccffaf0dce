package io.acicni.netconfig.validate;

import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.AciConfig;
import io.acicni.netconfig.input.NetConfig;
import io.acicni.netconfig.input.ProvisionInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * acc-provision's {@code config_validate}: every missing or invalid option as
 * {@code Invalid configuration for <key>: <reason>}, keys sorted, then
 * {@code Please fix configuration and retry.}
 */
final class RequiredOptions {
    static final String MISSING = "Missing option";
    static final String FIX_AND_RETRY = "Please fix configuration and retry.";

    private RequiredOptions() {
    }

    static void check(ProvisionInput input, Flavor flavor) throws ValidationException {
        Map<String, String> problems = new TreeMap<>(input.optionProblems());
        AciConfig aci = input.aciConfig();
        NetConfig net = input.netConfig();
        require(problems, "aci_config/aep", aci.aep());
        require(problems, "aci_config/apic_host", aci.apicHosts().isEmpty() ? null : aci.apicHosts());
        require(problems, "aci_config/l3out/external-networks",
                aci.l3out().externalNetworks().isEmpty() ? null : aci.l3out().externalNetworks());
        require(problems, "aci_config/l3out/name", aci.l3out().name());
        require(problems, "aci_config/system_id", aci.systemId());
        require(problems, "aci_config/vrf/name", aci.vrf().name());
        require(problems, "aci_config/vrf/tenant", aci.vrf().tenant());
        require(problems, "net_config/extern_dynamic", net.externDynamic());
        if (!flavor.isOpenShift()) {
            require(problems, "net_config/extern_static", net.externStatic());
        }
        require(problems, "net_config/infra_vlan", net.infraVlan());
        require(problems, "net_config/kubeapi_vlan", net.kubeapiVlan());
        require(problems, "net_config/node_subnet", net.nodeSubnet());
        require(problems, "net_config/node_svc_subnet", net.nodeSvcSubnet());
        require(problems, "net_config/pod_subnet", net.podSubnet());
        require(problems, "net_config/service_vlan", net.serviceVlan());
        if (net.interfaceMtu() != null && (net.interfaceMtu() < 1280 || net.interfaceMtu() > 8900)) {
            problems.put("net_config/interface_mtu", "Must be integer between 1280 and 8900");
        }
        if (net.serviceMonitorInterval() < 0 || net.serviceMonitorInterval() > 65535) {
            problems.put("net_config/service_monitor_interval", "Must be integer between 0 and 65535");
        }
        if (net.podSubnetChunkSize() < 1) {
            problems.put("net_config/pod_subnet_chunk_size", "Must be a positive integer");
        }
        if (problems.isEmpty()) {
            return;
        }
        List<String> messages = new ArrayList<>();
        problems.forEach((key, reason) -> messages.add("Invalid configuration for " + key + ": " + reason));
        messages.add(FIX_AND_RETRY);
        throw new ValidationException(messages);
    }

    private static void require(Map<String, String> problems, String key, Object value) {
        if (value == null || (value instanceof String s && s.isEmpty())) {
            problems.putIfAbsent(key, MISSING);
        }
    }
}
