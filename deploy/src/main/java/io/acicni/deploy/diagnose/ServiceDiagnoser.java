package io.acicni.deploy.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.deploy.audit.AuditFilter;
import io.acicni.deploy.check.Ips;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code diagnose service}: families, cluster IPs, LoadBalancer IPs and the {@code LbIpamAllocation}
 * condition; ready endpoints per family; ipam's record; the {@code .service} files on every node
 * that can be read and whether their {@code service-mapping} has a {@code service-ip} for every
 * cluster IP; then the audit history and Warning events.
 */
public final class ServiceDiagnoser {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String LB_CONDITION = "LbIpamAllocation";

    private final DiagnoseContext ctx;

    public ServiceDiagnoser(DiagnoseContext ctx) {
        this.ctx = ctx;
    }

    public Diagnosis diagnose(String namespace, String name) {
        String subject = "service " + namespace + "/" + name;
        Service service = ctx.kube().services().inNamespace(namespace).withName(name).get();
        if (service == null) {
            return Diagnosis.notFound(subject);
        }
        Diagnosis d = Diagnosis.of(subject);
        String uid = service.getMetadata().getUid();
        ServiceSpec spec = service.getSpec();
        List<String> families = spec.getIpFamilies() == null ? List.of() : spec.getIpFamilies();
        List<String> clusterIps = clusterIps(spec);
        Section s = d.section("Service " + namespace + "/" + name);
        s.add(Finding.info("uid " + uid + ", type " + spec.getType() + ", ipFamilyPolicy " + spec.getIpFamilyPolicy()
                + ", ipFamilies " + families + ", clusterIPs " + clusterIps));
        if ("ExternalName".equals(spec.getType()) || "None".equals(spec.getClusterIP())) {
            s.add(Finding.info(("ExternalName".equals(spec.getType()) ? "ExternalName" : "headless")
                    + " service: no cluster IP, no .service file; clients resolve it through DNS"));
            d.okNext("a headless service is only DNS: diagnose its pods (aci-dualstack diagnose pod ...)");
            finish(d, namespace, name, uid, service);
            return d;
        }
        clusterIps(s, spec, families, clusterIps, namespace, name);
        List<String> lbIps = loadBalancer(s, service, families, namespace, name);
        Map<String, Integer> ready = endpoints(s, namespace, name, families);
        ipam(d, namespace, name, lbIps);
        serviceFiles(d, uid, clusterIps, lbIps, ready, namespace, name);
        finish(d, namespace, name, uid, service);
        return d;
    }

    private void finish(Diagnosis d, String namespace, String name, String uid, Service service) {
        CommonSections.audit(d, ctx, AuditFilter.object("service", namespace, name, uid,
                PodDiagnoser.createdMinusSlack(service.getMetadata().getCreationTimestamp())), "service/" + namespace + "/" + name);
        CommonSections.events(d, ctx, "Service", namespace, name, uid);
    }

    private static void clusterIps(Section s, ServiceSpec spec, List<String> families, List<String> ips, String namespace, String name) {
        String policy = spec.getIpFamilyPolicy();
        boolean dual = "PreferDualStack".equals(policy) || "RequireDualStack".equals(policy);
        List<String> issues = new ArrayList<>();
        if (ips.size() != families.size()) {
            issues.add(families.size() + " ipFamilies but " + ips.size() + " cluster IPs");
        }
        for (int i = 0; i < Math.min(ips.size(), families.size()); i++) {
            String fam = Ips.family(ips.get(i)).map(IpFamily::label).orElse("not an IP");
            if (!fam.equals(families.get(i))) {
                issues.add("clusterIPs[" + i + "] " + ips.get(i) + " is " + fam + " but ipFamilies[" + i + "] is " + families.get(i));
            }
        }
        if ("RequireDualStack".equals(policy) && families.size() < 2) {
            issues.add("RequireDualStack with one family");
        }
        if (!issues.isEmpty()) {
            s.add(Finding.problem("clusterIPs " + ips + ": " + String.join("; ", issues),
                    "kubectl get events -n " + namespace + " --field-selector involvedObject.name=" + name
                            + " (ClusterIPNotAllocated); is the API server's --service-cluster-ip-range dual-stack?"));
        } else if (dual && families.size() == 2) {
            s.add(Finding.ok("clusterIPs " + Ips.withFamilies(ips) + ": one per family in ipFamilies order"));
        } else {
            s.add(Finding.info("single-stack service (" + policy + " " + families + "): clusterIPs " + ips
                    + (dual ? " - PreferDualStack got one family: the cluster's service CIDR is single-stack?" : "")));
        }
    }

    private static List<String> loadBalancer(Section s, Service service, List<String> families, String namespace, String name) {
        if (!"LoadBalancer".equals(service.getSpec().getType())) {
            return List.of();
        }
        List<String> ingress = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
                if (i.getIp() != null) {
                    ingress.add(i.getIp());
                }
            }
        }
        Optional<Condition> condition = service.getStatus() == null || service.getStatus().getConditions() == null ? Optional.empty()
                : service.getStatus().getConditions().stream().filter(c -> LB_CONDITION.equals(c.getType())).findFirst();
        String next = "aci-dualstack audit --subject service/" + namespace + "/" + name + " (lb.refused) and GET <ipam>/ipam/pools";
        if (condition.isEmpty()) {
            s.add(Finding.problem("no " + LB_CONDITION + " condition: ipam has not handled this LoadBalancer", next));
        } else {
            Condition c = condition.get();
            String line = LB_CONDITION + " " + c.getStatus() + " " + c.getReason() + ": " + c.getMessage();
            if ("True".equals(c.getStatus())) {
                s.add(Finding.ok(line));
            } else {
                s.add(Finding.problem(line, next));
            }
        }
        List<String> lacking = new ArrayList<>();
        List<IpFamily> have = Ips.families(ingress);
        for (String f : families) {
            if (have.stream().noneMatch(h -> h.label().equals(f))) {
                lacking.add(f);
            }
        }
        String shown = "LoadBalancer ingress " + Ips.withFamilies(ingress);
        if (lacking.isEmpty()) {
            s.add(Finding.ok(shown + ": one per family of the service"));
        } else {
            s.add(Finding.problem(shown + ": no " + String.join(" and no ", lacking) + " ingress IP", next));
        }
        return ingress;
    }

    /** Ready endpoint addresses per family from the EndpointSlices (IPv4/IPv6 → count). */
    private Map<String, Integer> endpoints(Section s, String namespace, String name, List<String> families) {
        Map<String, Integer> ready = new TreeMap<>();
        families.forEach(f -> ready.put(f, 0));
        List<EndpointSlice> slices;
        try {
            slices = ctx.kube().discovery().v1().endpointSlices().inNamespace(namespace).withLabel(SERVICE_NAME_LABEL, name).list().getItems();
        } catch (RuntimeException e) {
            s.add(Finding.unknown("cannot list EndpointSlices: " + e.getMessage(), null));
            return ready;
        }
        for (EndpointSlice slice : slices) {
            String type = slice.getAddressType();
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                boolean isReady = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
                if (isReady && e.getAddresses() != null) {
                    ready.merge(type, e.getAddresses().size(), Integer::sum);
                }
            }
        }
        String shown = "ready endpoints " + ready;
        int total = ready.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            s.add(Finding.info(shown + ": none, so no node has a .service file for it yet (ep-writer writes one only with a ready endpoint)"));
        } else {
            List<String> empty = families.stream().filter(f -> ready.getOrDefault(f, 0) == 0).toList();
            if (empty.isEmpty()) {
                s.add(Finding.ok(shown));
            } else {
                s.add(Finding.problem(shown + ": no ready " + String.join("/", empty) + " endpoint, so the "
                                + String.join("/", empty) + " cluster IP has no next hop",
                        "the selected pods lack that family: aci-dualstack diagnose pod " + namespace + "/<one of its pods>"));
            }
        }
        return ready;
    }

    private void ipam(Diagnosis d, String namespace, String name, List<String> lbIps) {
        Section s = d.section("ipam");
        if (ctx.ipamUrl().isEmpty()) {
            s.add(Finding.unknown("ipam URL unknown", "give --ipam-url http://... (e.g. kubectl port-forward to the ipam-service leader)"));
            return;
        }
        JsonHttp.Answer answer = ctx.http().get(ctx.ipamUrl().get(), "/ipam/services/" + namespace + "/" + name);
        if (answer.status() == 404) {
            s.add(Finding.problem("ipam does not know the service (" + answer.problem() + ")",
                    "aci-dualstack audit --subject service/" + namespace + "/" + name));
            return;
        }
        if (!answer.ok()) {
            s.add(Finding.unknown("ipam's view unavailable: " + answer.problem(), null));
            return;
        }
        JsonNode json = answer.json();
        List<String> ipamLb = new ArrayList<>();
        json.path("loadBalancerIPs").forEach(n -> ipamLb.add(n.asText()));
        List<String> ipamCluster = new ArrayList<>();
        json.path("clusterIPs").forEach(n -> ipamCluster.add(n.asText()));
        String line = "ipam publishes clusterIPs " + ipamCluster + ", loadBalancerIPs " + ipamLb + ", "
                + json.path("endpoints").size() + " endpoints";
        boolean lbDiffers = !lbIps.isEmpty() || !ipamLb.isEmpty()
                ? !new LinkedHashSet<>(lbIps.stream().map(Ips::canonical).toList()).equals(new LinkedHashSet<>(ipamLb.stream().map(Ips::canonical).toList()))
                : false;
        if (lbDiffers) {
            s.add(Finding.problem(line + "; the Service's ingress is " + lbIps,
                    "ipam writes status.loadBalancer.ingress after publishing: aci-dualstack audit --subject service/" + namespace + "/" + name));
        } else {
            s.add(Finding.ok(line));
        }
    }

    private void serviceFiles(Diagnosis d, String uid, List<String> clusterIps, List<String> lbIps, Map<String, Integer> ready,
                              String namespace, String name) {
        Section s = d.section("Service files (" + uid + ".service)");
        int readyTotal = ready.values().stream().mapToInt(Integer::intValue).sum();
        if (ctx.nodes().isEmpty()) {
            s.add(Finding.unknown("no node's ep-writer known",
                    "give --ep-writer-url NODE=http://..., or on a node: cat " + ctx.serviceDir() + uid + ".service and check its service-mapping has service-ip "
                            + String.join(" and ", clusterIps)));
            return;
        }
        for (String node : ctx.nodes().keySet()) {
            FileLookup lookup = ctx.files().lookup(node, uid);
            if (!lookup.available()) {
                s.add(Finding.unknown(node + ": cannot read its files: " + lookup.why(),
                        "on node " + node + ": cat " + ctx.serviceDir() + uid + ".service"));
                continue;
            }
            List<NodeFile> files = lookup.files().stream().filter(f -> f.kind().equals("service")).toList();
            Optional<NodeFile> internal = files.stream().filter(f -> f.name().equals(uid + ".service") || f.name().equals(uid + ".as")).findFirst();
            if (internal.isEmpty()) {
                if (readyTotal == 0) {
                    s.add(Finding.info(node + ": no " + uid + ".service (expected: the service has no ready endpoint)"));
                } else {
                    s.add(Finding.problem(node + ": no " + uid + ".service although the service has ready endpoints",
                            "the ep-writer on " + node + ": GET /diagnostics (lag, lastSync) and aci-dualstack audit --subject file/" + node + "/" + uid));
                }
                continue;
            }
            mappings(s, node, internal.get(), clusterIps, "cluster IP", namespace, name, node);
            files.stream().filter(f -> f.name().equals(uid + "-external.service")).findFirst().ifPresent(ext -> {
                Set<String> ips = serviceIps(ext);
                s.add(Finding.info(node + ": " + ext.name() + " maps service-ip " + ips + " (LoadBalancer IPs " + lbIps + "; external mappings exist for the families of the node's service endpoint with local endpoints)"));
            });
        }
    }

    private static void mappings(Section s, String where, NodeFile file, List<String> required, String what, String namespace,
                                 String name, String node) {
        if (file.content() == null) {
            s.add(Finding.problem(where + ": " + file.name() + " is not JSON", "on node " + node + ": cat the file"));
            return;
        }
        Set<String> ips = serviceIps(file);
        List<String> missing = required.stream().filter(r -> ips.stream().noneMatch(x -> Ips.same(x, r))).toList();
        Map<String, Integer> hops = new TreeMap<>();
        for (JsonNode m : file.content().path("service-mapping")) {
            Ips.family(m.path("service-ip").asText()).ifPresent(f -> hops.merge(f.label(), m.path("next-hop-ips").size(), Integer::sum));
        }
        String shown = where + ": " + file.name() + " service-mapping has service-ip " + ips + ", next hops per family " + hops;
        if (missing.isEmpty()) {
            s.add(Finding.ok(shown));
        } else {
            List<String> labelled = missing.stream().map(m -> m + " (" + Ips.label(m) + ")").toList();
            s.add(Finding.problem(shown + " - no mapping for " + what + " " + String.join(", ", labelled),
                    "ep-writer maps a cluster IP only with ready endpoints of its family: check the EndpointSlices (kubectl get endpointslices -n "
                            + namespace + " -l " + SERVICE_NAME_LABEL + "=" + name + ") and aci-dualstack audit --subject file/" + node + "/"));
        }
    }

    private static Set<String> serviceIps(NodeFile file) {
        Set<String> ips = new LinkedHashSet<>();
        if (file.content() != null) {
            file.content().path("service-mapping").forEach(m -> {
                if (m.hasNonNull("service-ip")) {
                    ips.add(m.get("service-ip").asText());
                }
            });
        }
        return ips;
    }

    static List<String> clusterIps(ServiceSpec spec) {
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            return spec.getClusterIPs().stream().filter(ip -> ip != null && !ip.isBlank() && !"None".equals(ip)).toList();
        }
        return spec.getClusterIP() == null || spec.getClusterIP().isBlank() || "None".equals(spec.getClusterIP()) ? List.of() : List.of(spec.getClusterIP());
    }
}
