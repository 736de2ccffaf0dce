package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code host-agent-config} key of ConfigMap {@code aci-containers-config}: what each node
 * needs (pod and node subnets, {@code cni-netconfig}, VLANs, endpoint/service file directories).
 * Keys and their order follow acc-provision's template; {@code opflex-endpoint-dir} and
 * {@code opflex-service-dir} are written explicitly. Unknown keys are kept on a round trip.
 * Read with {@link AciContainersConfig#hostAgentFromJson(String)}; treat as read-only.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"flavor", "app-profile", "epg-resolve-prioritize", "opflex-mode", "log-level",
        "aci-snat-namespace", "aci-vmm-type", "aci-vmm-domain", "aci-vmm-controller", "aci-prefix", "aci-vrf",
        "aci-vrf-tenant", "service-vlan", "kubeapi-vlan", "pod-subnet", "node-subnet", "encap-type",
        "aci-infra-vlan", "cni-netconfig", "default-endpoint-group", "namespace-default-endpoint-group",
        "enable-drop-log", "enable-nodepodif", "enable-ovs-hw-offload", "opflex-endpoint-dir",
        "opflex-service-dir"})
public final class HostAgentConfig {
    /** aci-containers host agent defaults when the directories are not configured. */
    public static final String DEFAULT_ENDPOINT_DIR = "/usr/local/var/lib/opflex-agent-ovs/endpoints/";
    public static final String DEFAULT_SERVICE_DIR = "/usr/local/var/lib/opflex-agent-ovs/services/";
    /** The service VLAN default of aci-containers. */
    public static final int DEFAULT_SERVICE_VLAN = 4003;

    @JsonProperty("flavor") private String flavor;
    @JsonProperty("app-profile") private String appProfile;
    @JsonProperty("epg-resolve-prioritize") private Boolean epgResolvePrioritize;
    @JsonProperty("opflex-mode") private String opflexMode;
    @JsonProperty("log-level") private String logLevel;
    @JsonProperty("aci-snat-namespace") private String aciSnatNamespace;
    @JsonProperty("aci-vmm-type") private String aciVmmType;
    @JsonProperty("aci-vmm-domain") private String aciVmmDomain;
    @JsonProperty("aci-vmm-controller") private String aciVmmController;
    @JsonProperty("aci-prefix") private String aciPrefix;
    @JsonProperty("aci-vrf") private String aciVrf;
    @JsonProperty("aci-vrf-tenant") private String aciVrfTenant;
    @JsonProperty("service-vlan") private Integer serviceVlan;
    @JsonProperty("kubeapi-vlan") private Integer kubeapiVlan;
    @JsonProperty("pod-subnet") private List<String> podSubnet;
    @JsonProperty("node-subnet") private List<String> nodeSubnet;
    @JsonProperty("encap-type") private String encapType;
    @JsonProperty("aci-infra-vlan") private Integer aciInfraVlan;
    @JsonProperty("cni-netconfig") private List<CniNetConfig> cniNetconfig;
    @JsonProperty("default-endpoint-group") private EndpointGroup defaultEndpointGroup;
    @JsonProperty("namespace-default-endpoint-group") private Map<String, EndpointGroup> namespaceDefaultEndpointGroup;
    @JsonProperty("enable-drop-log") private Boolean enableDropLog;
    @JsonProperty("enable-nodepodif") private Boolean enableNodepodif;
    @JsonProperty("enable-ovs-hw-offload") private Boolean enableOvsHwOffload;
    @JsonProperty("opflex-endpoint-dir") private String opflexEndpointDir;
    @JsonProperty("opflex-service-dir") private String opflexServiceDir;

    private final Map<String, Object> other = new LinkedHashMap<>();

    HostAgentConfig() {
    }

    public static Builder builder() {
        return new Builder();
    }

    @JsonAnySetter
    private void putOther(String key, Object value) {
        other.put(key, value);
    }

    /** Keys this model does not name, kept as read. */
    @JsonAnyGetter
    public Map<String, Object> other() {
        return other;
    }

    public String flavor() {
        return flavor;
    }

    public String logLevel() {
        return logLevel;
    }

    /** Pod subnets as typed, primary family first. */
    public List<String> podSubnets() {
        return podSubnet == null ? List.of() : podSubnet;
    }

    /** Node subnets as typed ({@code <gateway>/<len>}). */
    public List<String> nodeSubnets() {
        return nodeSubnet == null ? List.of() : nodeSubnet;
    }

    public List<Cidr> nodeSubnetCidrs() {
        return ControllerConfig.cidrs("node-subnet", nodeSubnets());
    }

    /** The per-family pod network settings, one per pod subnet, in pod_subnet order. */
    public List<CniNetConfig> cniNetConfig() {
        return cniNetconfig == null ? List.of() : cniNetconfig;
    }

    /** The first {@code cni-netconfig} entry of a family: the one a pod's address of that family uses. */
    public Optional<CniNetConfig> cniNetConfig(IpFamily family) {
        return cniNetConfig().stream().filter(c -> c.family() == family).findFirst();
    }

    public int serviceVlan() {
        return serviceVlan == null ? DEFAULT_SERVICE_VLAN : serviceVlan;
    }

    public Integer kubeapiVlan() {
        return kubeapiVlan;
    }

    public Integer infraVlan() {
        return aciInfraVlan;
    }

    public String encapType() {
        return encapType;
    }

    public String aciVrf() {
        return aciVrf;
    }

    public String aciVrfTenant() {
        return aciVrfTenant;
    }

    public String aciPrefix() {
        return aciPrefix;
    }

    public String appProfile() {
        return appProfile;
    }

    public EndpointGroup defaultEndpointGroup() {
        return defaultEndpointGroup;
    }

    public Map<String, EndpointGroup> namespaceDefaultEndpointGroups() {
        return namespaceDefaultEndpointGroup == null ? Map.of() : namespaceDefaultEndpointGroup;
    }

    /** Where {@code .ep} files go; aci-containers' default when not configured. */
    public String opflexEndpointDir() {
        return opflexEndpointDir == null ? DEFAULT_ENDPOINT_DIR : opflexEndpointDir;
    }

    /** Where {@code .service} files go; aci-containers' default when not configured. */
    public String opflexServiceDir() {
        return opflexServiceDir == null ? DEFAULT_SERVICE_DIR : opflexServiceDir;
    }

    void check() {
        ControllerConfig.cidrs("pod-subnet", podSubnets());
        nodeSubnetCidrs();
        for (CniNetConfig entry : cniNetConfig()) {
            ControllerConfig.cidrs("cni-netconfig", List.of(entry.subnet()));
        }
    }

    /** Fills a {@link HostAgentConfig}; used by provisioning and tests. */
    public static final class Builder {
        private final HostAgentConfig c = new HostAgentConfig();

        public Builder flavor(String v) { c.flavor = v; return this; }
        public Builder appProfile(String v) { c.appProfile = v; return this; }
        public Builder epgResolvePrioritize(Boolean v) { c.epgResolvePrioritize = v; return this; }
        public Builder logLevel(String v) { c.logLevel = v; return this; }
        public Builder aciSnatNamespace(String v) { c.aciSnatNamespace = v; return this; }
        public Builder aciVmmType(String v) { c.aciVmmType = v; return this; }
        public Builder aciVmmDomain(String v) { c.aciVmmDomain = v; return this; }
        public Builder aciVmmController(String v) { c.aciVmmController = v; return this; }
        public Builder aciPrefix(String v) { c.aciPrefix = v; return this; }
        public Builder aciVrf(String v) { c.aciVrf = v; return this; }
        public Builder aciVrfTenant(String v) { c.aciVrfTenant = v; return this; }
        public Builder serviceVlan(Integer v) { c.serviceVlan = v; return this; }
        public Builder kubeapiVlan(Integer v) { c.kubeapiVlan = v; return this; }
        public Builder podSubnet(List<String> v) { c.podSubnet = v; return this; }
        public Builder nodeSubnet(List<String> v) { c.nodeSubnet = v; return this; }
        public Builder encapType(String v) { c.encapType = v; return this; }
        public Builder aciInfraVlan(Integer v) { c.aciInfraVlan = v; return this; }
        public Builder cniNetConfig(List<CniNetConfig> v) { c.cniNetconfig = v; return this; }
        public Builder defaultEndpointGroup(EndpointGroup v) { c.defaultEndpointGroup = v; return this; }
        public Builder namespaceDefaultEndpointGroup(Map<String, EndpointGroup> v) { c.namespaceDefaultEndpointGroup = v; return this; }
        public Builder enableDropLog(Boolean v) { c.enableDropLog = v; return this; }
        public Builder enableNodepodif(Boolean v) { c.enableNodepodif = v; return this; }
        public Builder enableOvsHwOffload(Boolean v) { c.enableOvsHwOffload = v; return this; }
        public Builder opflexEndpointDir(String v) { c.opflexEndpointDir = v; return this; }
        public Builder opflexServiceDir(String v) { c.opflexServiceDir = v; return this; }

        public HostAgentConfig build() {
            c.check();
            return c;
        }
    }
}
