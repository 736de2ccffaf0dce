package io.acicni.netconfig.derive;

import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.ControllerConfig;
import io.acicni.netconfig.config.EndpointGroup;
import io.acicni.netconfig.config.HostAgentConfig;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.AciConfig;
import io.acicni.netconfig.input.NetConfig;
import io.acicni.netconfig.input.ProvisionInput;
import io.acicni.netconfig.validate.ValidatedInput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds ConfigMap {@code aci-containers-config} from a validated input, as acc-provision's template does. */
public final class AciContainersConfigFactory {
    /** The namespace of the suite. */
    public static final String SYSTEM_NAMESPACE = "aci-containers-system";
    /** Where the APIC key is mounted in the fabric-sync container. */
    public static final String APIC_PRIVATE_KEY_PATH = "/usr/local/etc/aci-cert/user.key";
    /** The opflex-agent directories on a node (the DaemonSet mounts {@code /var/lib/opflex-agent-ovs}). */
    public static final String ENDPOINT_DIR = "/var/lib/opflex-agent-ovs/endpoints/";
    public static final String SERVICE_DIR = "/var/lib/opflex-agent-ovs/services/";

    private AciContainersConfigFactory() {
    }

    public static AciContainersConfig create(ValidatedInput validated) {
        return new AciContainersConfig(controller(validated), hostAgent(validated));
    }

    static ControllerConfig controller(ValidatedInput validated) {
        ProvisionInput input = validated.input();
        AciConfig aci = input.aciConfig();
        NetConfig net = input.netConfig();
        NetworkPlan plan = validated.plan();
        Flavor flavor = validated.flavor();
        AciNames names = new AciNames(aci);
        String username = aci.syncLogin().username() != null ? aci.syncLogin().username() : aci.systemId();
        return ControllerConfig.builder()
                .flavor(flavor.name())
                .logLevel(input.logging().controllerLogLevel())
                .apicHosts(aci.apicHosts())
                .aep(aci.aep())
                .apicRequestRetryDelayBase(20)
                .enableApicRequestRetryDelay(true)
                .apicUsername(username)
                .apicPrivateKeyPath(APIC_PRIVATE_KEY_PATH)
                .aciPrefix(aci.systemId())
                .aciVmmType(flavor.distribution().vmmType())
                .aciVmmDomain(aci.systemId())
                .aciVmmController(aci.systemId())
                .aciPolicyTenant(names.tenant())
                .filterOpflexDevice(true)
                .aciPodBdDn(names.podBdDn())
                .aciNodeBdDn(names.nodeBdDn())
                .aciServicePhysDom(names.physicalDomain())
                .aciServiceEncap("vlan-" + net.serviceVlan())
                .aciServiceMonitorInterval(net.serviceMonitorInterval())
                .aciPbrTrackingNonSnat(net.pbrTrackingNonSnat())
                .aciVrfTenant(aci.vrf().tenant())
                .aciVrfDn(aci.vrf().dn())
                .aciL3out(aci.l3out().name())
                .aciExtNetworks(aci.l3out().externalNetworks())
                .aciVrf(aci.vrf().name())
                .appProfile(names.appProfile())
                .defaultEndpointGroup(new EndpointGroup(names.tenant(), names.epgRef("default")))
                .maxNodesSvcGraph(32)
                .namespaceDefaultEndpointGroup(namespaceEpgs(names))
                .serviceIpPool(Pools.pools(plan.externDynamic()))
                .externStatic(net.externStatic())
                .externDynamic(net.externDynamic())
                .snatContractScope("global")
                .staticServiceIpPool(Pools.pools(plan.externStatic()))
                .podIpPool(Pools.pools(plan.podSubnets()))
                .podSubnet(net.podSubnet())
                .podSubnetChunkSize(net.podSubnetChunkSize())
                .nodeServiceIpPool(Pools.pools(plan.nodeServiceSubnets()))
                .nodeServiceSubnets(net.nodeSvcSubnet())
                .build();
    }

    static HostAgentConfig hostAgent(ValidatedInput validated) {
        ProvisionInput input = validated.input();
        AciConfig aci = input.aciConfig();
        NetConfig net = input.netConfig();
        AciNames names = new AciNames(aci);
        return HostAgentConfig.builder()
                .flavor(validated.flavor().name())
                .appProfile(names.appProfile())
                .epgResolvePrioritize(true)
                .logLevel(input.logging().hostagentLogLevel())
                .aciSnatNamespace(SYSTEM_NAMESPACE)
                .aciVmmType(validated.flavor().distribution().vmmType())
                .aciVmmDomain(aci.systemId())
                .aciVmmController(aci.systemId())
                .aciPrefix(aci.systemId())
                .aciVrf(aci.vrf().name())
                .aciVrfTenant(aci.vrf().tenant())
                .serviceVlan(net.serviceVlan())
                .kubeapiVlan(net.kubeapiVlan())
                .podSubnet(net.podSubnet())
                .nodeSubnet(net.nodeSubnet())
                .encapType(aci.vmmDomain().encapType())
                .aciInfraVlan(net.infraVlan())
                .cniNetConfig(Pools.cniNetConfigs(validated.plan().podSubnets()))
                .defaultEndpointGroup(new EndpointGroup(names.tenant(), names.epgRef("default")))
                .namespaceDefaultEndpointGroup(namespaceEpgs(names))
                .enableDropLog(true)
                .enableNodepodif(false)
                .enableOvsHwOffload(false)
                .opflexEndpointDir(ENDPOINT_DIR)
                .opflexServiceDir(SERVICE_DIR)
                .build();
    }

    private static Map<String, EndpointGroup> namespaceEpgs(AciNames names) {
        Map<String, EndpointGroup> epgs = new LinkedHashMap<>();
        for (String namespace : List.of("istio-operator", "istio-system")) {
            epgs.put(namespace, new EndpointGroup(names.tenant(), names.epgRef("istio")));
        }
        epgs.put("kube-system", new EndpointGroup(names.tenant(), names.epgRef("system")));
        return epgs;
    }
}
