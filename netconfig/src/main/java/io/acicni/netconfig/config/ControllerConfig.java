package io.acicni.netconfig.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.CidrFormatException;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code controller-config} key of ConfigMap {@code aci-containers-config}: the cluster-wide
 * addressing (pod pool, LoadBalancer pools, node service pool) and the APIC settings.
 * Keys and their order follow acc-provision's template. Unknown keys are kept on a round trip.
 * Read with {@link AciContainersConfig#controllerFromJson(String)}; treat as read-only.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"flavor", "log-level", "apic-hosts", "aep", "apic-request-retry-delay-base",
        "enable-apic-request-retry-delay", "apic-username", "apic-private-key-path", "aci-prefix",
        "aci-vmm-type", "aci-vmm-domain", "aci-vmm-controller", "aci-policy-tenant", "filter-opflex-device",
        "aci-podbd-dn", "aci-nodebd-dn", "aci-service-phys-dom", "aci-service-encap",
        "aci-service-monitor-interval", "aci-pbr-tracking-non-snat", "aci-vrf-tenant", "aci-vrf-dn",
        "aci-l3out", "aci-ext-networks", "aci-vrf", "app-profile", "default-endpoint-group",
        "max-nodes-svc-graph", "namespace-default-endpoint-group", "service-ip-pool", "extern-static",
        "extern-dynamic", "snat-contract-scope", "static-service-ip-pool", "pod-ip-pool", "pod-subnet",
        "pod-subnet-chunk-size", "node-service-ip-pool", "node-service-subnets"})
public final class ControllerConfig {
    /** aci-containers' default when {@code pod-subnet-chunk-size} is absent or 0. */
    public static final int DEFAULT_POD_SUBNET_CHUNK_SIZE = 32;

    @JsonProperty("flavor") private String flavor;
    @JsonProperty("log-level") private String logLevel;
    @JsonProperty("apic-hosts") private List<String> apicHosts;
    @JsonProperty("aep") private String aep;
    @JsonProperty("apic-request-retry-delay-base") private Integer apicRequestRetryDelayBase;
    @JsonProperty("enable-apic-request-retry-delay") private Boolean enableApicRequestRetryDelay;
    @JsonProperty("apic-username") private String apicUsername;
    @JsonProperty("apic-private-key-path") private String apicPrivateKeyPath;
    @JsonProperty("aci-prefix") private String aciPrefix;
    @JsonProperty("aci-vmm-type") private String aciVmmType;
    @JsonProperty("aci-vmm-domain") private String aciVmmDomain;
    @JsonProperty("aci-vmm-controller") private String aciVmmController;
    @JsonProperty("aci-policy-tenant") private String aciPolicyTenant;
    @JsonProperty("filter-opflex-device") private Boolean filterOpflexDevice;
    @JsonProperty("aci-podbd-dn") private String aciPodBdDn;
    @JsonProperty("aci-nodebd-dn") private String aciNodeBdDn;
    @JsonProperty("aci-service-phys-dom") private String aciServicePhysDom;
    @JsonProperty("aci-service-encap") private String aciServiceEncap;
    @JsonProperty("aci-service-monitor-interval") private Integer aciServiceMonitorInterval;
    @JsonProperty("aci-pbr-tracking-non-snat") private Boolean aciPbrTrackingNonSnat;
    @JsonProperty("aci-vrf-tenant") private String aciVrfTenant;
    @JsonProperty("aci-vrf-dn") private String aciVrfDn;
    @JsonProperty("aci-l3out") private String aciL3out;
    @JsonProperty("aci-ext-networks") private List<String> aciExtNetworks;
    @JsonProperty("aci-vrf") private String aciVrf;
    @JsonProperty("app-profile") private String appProfile;
    @JsonProperty("default-endpoint-group") private EndpointGroup defaultEndpointGroup;
    @JsonProperty("max-nodes-svc-graph") private Integer maxNodesSvcGraph;
    @JsonProperty("namespace-default-endpoint-group") private Map<String, EndpointGroup> namespaceDefaultEndpointGroup;
    @JsonProperty("service-ip-pool") private List<IpRange> serviceIpPool;
    @JsonProperty("extern-static") private List<String> externStatic;
    @JsonProperty("extern-dynamic") private List<String> externDynamic;
    @JsonProperty("snat-contract-scope") private String snatContractScope;
    @JsonProperty("static-service-ip-pool") private List<IpRange> staticServiceIpPool;
    @JsonProperty("pod-ip-pool") private List<IpRange> podIpPool;
    @JsonProperty("pod-subnet") private List<String> podSubnet;
    @JsonProperty("pod-subnet-chunk-size") private Integer podSubnetChunkSize;
    @JsonProperty("node-service-ip-pool") private List<IpRange> nodeServiceIpPool;
    @JsonProperty("node-service-subnets") private List<String> nodeServiceSubnets;

    private final Map<String, Object> other = new LinkedHashMap<>();

    ControllerConfig() {
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

    // ---- addressing ----

    /** The whole cluster pod pool, both families, in pod_subnet order. */
    public List<IpRange> podIpPool() {
        return nullToEmpty(podIpPool);
    }

    public List<IpRange> podIpPool(IpFamily family) {
        return ofFamily(podIpPool(), family);
    }

    /** Size of the pod-address chunk handed to a node: {@code pod-subnet-chunk-size}, 32 when absent or 0. */
    public int podSubnetChunkSize() {
        return podSubnetChunkSize == null || podSubnetChunkSize == 0 ? DEFAULT_POD_SUBNET_CHUNK_SIZE : podSubnetChunkSize;
    }

    /** Pod subnets as typed ({@code <gateway>/<len>}), primary family first. */
    public List<String> podSubnets() {
        return nullToEmpty(podSubnet);
    }

    /** Pod subnets parsed, for gateways ({@link Cidr#gateway()}) and containment. */
    public List<Cidr> podSubnetCidrs() {
        return cidrs("pod-subnet", podSubnets());
    }

    /** Pod subnets with prefix length and gateway, in pod_subnet order (primary family first). */
    public List<PodSubnet> podSubnetsWithGateways() {
        return podSubnetCidrs().stream().map(PodSubnet::of).toList();
    }

    /** The first pod subnet of a family: the one a pod's address of that family belongs to. */
    public Optional<PodSubnet> podSubnet(IpFamily family) {
        return podSubnetsWithGateways().stream().filter(p -> p.family() == family).findFirst();
    }

    /** The pod families in order, the cluster's primary family first. */
    public List<IpFamily> podFamilies() {
        LinkedHashSet<IpFamily> families = new LinkedHashSet<>();
        podSubnetCidrs().forEach(c -> families.add(c.family()));
        return new ArrayList<>(families);
    }

    /** The dynamic LoadBalancer pool ({@code extern_dynamic}). */
    public List<IpRange> serviceIpPool() {
        return nullToEmpty(serviceIpPool);
    }

    public List<IpRange> serviceIpPool(IpFamily family) {
        return ofFamily(serviceIpPool(), family);
    }

    /** The static LoadBalancer pool ({@code extern_static}): only addresses users request. */
    public List<IpRange> staticServiceIpPool() {
        return nullToEmpty(staticServiceIpPool);
    }

    public List<IpRange> staticServiceIpPool(IpFamily family) {
        return ofFamily(staticServiceIpPool(), family);
    }

    /** Per-node service-endpoint addresses ({@code node_svc_subnet}). */
    public List<IpRange> nodeServiceIpPool() {
        return nullToEmpty(nodeServiceIpPool);
    }

    public List<IpRange> nodeServiceIpPool(IpFamily family) {
        return ofFamily(nodeServiceIpPool(), family);
    }

    public List<String> nodeServiceSubnets() {
        return nullToEmpty(nodeServiceSubnets);
    }

    public List<String> externDynamic() {
        return nullToEmpty(externDynamic);
    }

    public List<String> externStatic() {
        return nullToEmpty(externStatic);
    }

    // ---- ACI ----

    public String flavor() {
        return flavor;
    }

    public String logLevel() {
        return logLevel;
    }

    public List<String> apicHosts() {
        return nullToEmpty(apicHosts);
    }

    public String aep() {
        return aep;
    }

    public String apicUsername() {
        return apicUsername;
    }

    public String apicPrivateKeyPath() {
        return apicPrivateKeyPath;
    }

    public String aciPrefix() {
        return aciPrefix;
    }

    public String aciVmmType() {
        return aciVmmType;
    }

    public String aciVmmDomain() {
        return aciVmmDomain;
    }

    public String aciPolicyTenant() {
        return aciPolicyTenant;
    }

    public String aciPodBdDn() {
        return aciPodBdDn;
    }

    public String aciNodeBdDn() {
        return aciNodeBdDn;
    }

    public String aciServiceEncap() {
        return aciServiceEncap;
    }

    public String aciVrf() {
        return aciVrf;
    }

    public String aciVrfTenant() {
        return aciVrfTenant;
    }

    public String aciVrfDn() {
        return aciVrfDn;
    }

    public String aciL3out() {
        return aciL3out;
    }

    public List<String> aciExtNetworks() {
        return nullToEmpty(aciExtNetworks);
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

    /** Checks every address-bearing key; called after reading. */
    void check() {
        podIpPool().forEach(r -> r.check("pod-ip-pool"));
        serviceIpPool().forEach(r -> r.check("service-ip-pool"));
        staticServiceIpPool().forEach(r -> r.check("static-service-ip-pool"));
        nodeServiceIpPool().forEach(r -> r.check("node-service-ip-pool"));
        podSubnetCidrs();
        cidrs("node-service-subnets", nodeServiceSubnets());
    }

    static List<Cidr> cidrs(String key, List<String> texts) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts) {
            try {
                cidrs.add(Cidr.parse(text));
            } catch (CidrFormatException | MalformedAddressException e) {
                throw new ConfigReadException(key + ": " + text + " is not a usable subnet: " + e.getMessage(), e);
            }
        }
        return cidrs;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<IpRange> ofFamily(List<IpRange> ranges, IpFamily family) {
        return ranges.stream().filter(r -> r.family() == family).toList();
    }

    /** Fills a {@link ControllerConfig}; used by provisioning and tests. */
    public static final class Builder {
        private final ControllerConfig c = new ControllerConfig();

        public Builder flavor(String v) { c.flavor = v; return this; }
        public Builder logLevel(String v) { c.logLevel = v; return this; }
        public Builder apicHosts(List<String> v) { c.apicHosts = v; return this; }
        public Builder aep(String v) { c.aep = v; return this; }
        public Builder apicRequestRetryDelayBase(Integer v) { c.apicRequestRetryDelayBase = v; return this; }
        public Builder enableApicRequestRetryDelay(Boolean v) { c.enableApicRequestRetryDelay = v; return this; }
        public Builder apicUsername(String v) { c.apicUsername = v; return this; }
        public Builder apicPrivateKeyPath(String v) { c.apicPrivateKeyPath = v; return this; }
        public Builder aciPrefix(String v) { c.aciPrefix = v; return this; }
        public Builder aciVmmType(String v) { c.aciVmmType = v; return this; }
        public Builder aciVmmDomain(String v) { c.aciVmmDomain = v; return this; }
        public Builder aciVmmController(String v) { c.aciVmmController = v; return this; }
        public Builder aciPolicyTenant(String v) { c.aciPolicyTenant = v; return this; }
        public Builder filterOpflexDevice(Boolean v) { c.filterOpflexDevice = v; return this; }
        public Builder aciPodBdDn(String v) { c.aciPodBdDn = v; return this; }
        public Builder aciNodeBdDn(String v) { c.aciNodeBdDn = v; return this; }
        public Builder aciServicePhysDom(String v) { c.aciServicePhysDom = v; return this; }
        public Builder aciServiceEncap(String v) { c.aciServiceEncap = v; return this; }
        public Builder aciServiceMonitorInterval(Integer v) { c.aciServiceMonitorInterval = v; return this; }
        public Builder aciPbrTrackingNonSnat(Boolean v) { c.aciPbrTrackingNonSnat = v; return this; }
        public Builder aciVrfTenant(String v) { c.aciVrfTenant = v; return this; }
        public Builder aciVrfDn(String v) { c.aciVrfDn = v; return this; }
        public Builder aciL3out(String v) { c.aciL3out = v; return this; }
        public Builder aciExtNetworks(List<String> v) { c.aciExtNetworks = v; return this; }
        public Builder aciVrf(String v) { c.aciVrf = v; return this; }
        public Builder appProfile(String v) { c.appProfile = v; return this; }
        public Builder defaultEndpointGroup(EndpointGroup v) { c.defaultEndpointGroup = v; return this; }
        public Builder maxNodesSvcGraph(Integer v) { c.maxNodesSvcGraph = v; return this; }
        public Builder namespaceDefaultEndpointGroup(Map<String, EndpointGroup> v) { c.namespaceDefaultEndpointGroup = v; return this; }
        public Builder serviceIpPool(List<IpRange> v) { c.serviceIpPool = v; return this; }
        public Builder externStatic(List<String> v) { c.externStatic = v; return this; }
        public Builder externDynamic(List<String> v) { c.externDynamic = v; return this; }
        public Builder snatContractScope(String v) { c.snatContractScope = v; return this; }
        public Builder staticServiceIpPool(List<IpRange> v) { c.staticServiceIpPool = v; return this; }
        public Builder podIpPool(List<IpRange> v) { c.podIpPool = v; return this; }
        public Builder podSubnet(List<String> v) { c.podSubnet = v; return this; }
        public Builder podSubnetChunkSize(Integer v) { c.podSubnetChunkSize = v; return this; }
        public Builder nodeServiceIpPool(List<IpRange> v) { c.nodeServiceIpPool = v; return this; }
        public Builder nodeServiceSubnets(List<String> v) { c.nodeServiceSubnets = v; return this; }

        public ControllerConfig build() {
            c.check();
            return c;
        }
    }
}
