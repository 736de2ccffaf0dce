package io.acicni.deploy.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import io.acicni.deploy.audit.AuditFilter;
import io.acicni.deploy.check.Ips;
import io.acicni.deploy.check.PodIpsCheck;
import io.acicni.deploy.check.PodNetworkRanges;
import io.acicni.deploy.check.SuiteConfig;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.events.model.NodeAddressing;
import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code diagnose pod}: the troubleshooting list for one pod, upstream first — its podIPs and the
 * node's ranges, ipam's record, the {@code .ep} file on its node, the node's checks, then the audit
 * history and Warning events.
 */
public final class PodDiagnoser {
    private final DiagnoseContext ctx;

    public PodDiagnoser(DiagnoseContext ctx) {
        this.ctx = ctx;
    }

    public Diagnosis diagnose(String namespace, String name) {
        String subject = "pod " + namespace + "/" + name;
        Pod pod = ctx.kube().pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            return Diagnosis.notFound(subject);
        }
        Diagnosis d = Diagnosis.of(subject);
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        List<String> ips = PodIpsCheck.podIps(pod);
        List<IpFamily> order = SuiteConfig.familiesInOrder(ctx.config());
        boolean hostNetwork = PodIpsCheck.isHostNetwork(pod);

        Section s = d.section("Pod " + namespace + "/" + name);
        String phase = pod.getStatus() == null ? "?" : pod.getStatus().getPhase();
        s.add(Finding.info("uid " + uid + ", node " + (node == null ? "none" : node) + ", phase " + phase
                + (hostNetwork ? ", hostNetwork" : "")));
        if (node == null || node.isBlank()) {
            s.add(Finding.problem("not scheduled to a node: no addresses are allocated before that",
                    "kubectl describe pod -n " + namespace + " " + name + " (scheduling events)"));
            finish(d, namespace, name, uid, pod);
            return d;
        }
        if (hostNetwork) {
            s.add(Finding.info("hostNetwork pod: it uses the node's addresses " + ips + "; ipam gives it none and no .ep file is written"));
            d.okNext("a hostNetwork pod's addressing is the node's: check the node's InternalIPs (kubectl get node " + node + " -o wide)");
            finish(d, namespace, name, uid, pod);
            return d;
        }
        podIps(s, pod, ips, order, namespace, name);
        nodeRanges(s, node, ips);
        ipam(d, namespace, name, ips);
        endpointFile(d, node, uid, ips, order, namespace, name);
        CommonSections.nodeChecks(d, ctx, node);
        finish(d, namespace, name, uid, pod);
        return d;
    }

    private void finish(Diagnosis d, String namespace, String name, String uid, Pod pod) {
        CommonSections.audit(d, ctx, AuditFilter.object("pod", namespace, name, uid,
                createdMinusSlack(pod.getMetadata().getCreationTimestamp())), "pod/" + namespace + "/" + name);
        CommonSections.events(d, ctx, "Pod", namespace, name, uid);
    }

    private static void podIps(Section s, Pod pod, List<String> ips, List<IpFamily> order, String namespace, String name) {
        String audit = "aci-dualstack audit --subject pod/" + namespace + "/" + name;
        if (ips.isEmpty()) {
            s.add(Finding.problem("status.podIPs is empty",
                    "did ipam allocate? " + audit + "; and the kubelet's CNI result: kubectl describe pod -n " + namespace + " " + name));
            return;
        }
        Optional<String> problem = podIpProblem(pod, ips, order);
        if (problem.isPresent()) {
            s.add(Finding.problem(problem.get(), "compare with ipam's record below and " + audit
                    + "; a pod started before both families were configured keeps its old addresses until it is recreated"));
        } else {
            s.add(Finding.ok("podIPs " + Ips.withFamilies(ips) + ": one per family, " + order.get(0).label()
                    + " first as the cluster's primary family"));
        }
    }

    static Optional<String> podIpProblem(Pod pod, List<String> ips, List<IpFamily> order) {
        List<IpFamily> families = Ips.families(ips);
        List<String> issues = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            long n = families.stream().filter(x -> x == f).count();
            if (n == 0) {
                issues.add("no " + f.label() + " address");
            } else if (n > 1) {
                issues.add(n + " " + f.label() + " addresses");
            }
        }
        if (families.size() != ips.size()) {
            issues.add("an entry is not an IP address");
        }
        if (issues.isEmpty() && families.get(0) != order.get(0)) {
            issues.add(families.get(0).label() + " listed first, the cluster's primary family is " + order.get(0).label());
        }
        return issues.isEmpty() ? Optional.empty() : Optional.of("podIPs [" + String.join(", ", ips) + "]: " + String.join("; ", issues));
    }

    private void nodeRanges(Section s, String nodeName, List<String> ips) {
        Node node = ctx.kube().nodes().withName(nodeName).get();
        if (node == null) {
            s.add(Finding.problem("node " + nodeName + " does not exist any more", "kubectl get nodes"));
            return;
        }
        Optional<String> text = PodNetworkRanges.text(node);
        if (text.isEmpty()) {
            s.add(Finding.problem("node " + nodeName + " has no " + PodNetworkRanges.ANNOTATION + " annotation",
                    "aci-dualstack audit --subject node/" + nodeName + " (ipam assigns ranges when it sees the node)"));
            return;
        }
        NodeAddressing.PodNetworkRanges ranges;
        try {
            ranges = PodNetworkRanges.parse(text.get());
        } catch (IllegalArgumentException e) {
            s.add(Finding.problem("node " + nodeName + " annotation " + text.get() + " is " + e.getMessage(),
                    "aci-dualstack validate; kubectl get node " + nodeName + " -o yaml"));
            return;
        }
        String shown = "node " + nodeName + " ranges V4 " + PodNetworkRanges.describe(ranges.v4()) + "; V6 " + PodNetworkRanges.describe(ranges.v6());
        List<String> missing = new ArrayList<>();
        if (ranges.v4().isEmpty()) {
            missing.add("V4");
        }
        if (ranges.v6().isEmpty()) {
            missing.add("V6");
        }
        if (!missing.isEmpty()) {
            s.add(Finding.problem(shown + " - no " + String.join(" or ", missing) + " range",
                    "aci-dualstack audit --subject node/" + nodeName + "; is the " + String.join("/", missing)
                            + " pod pool configured and not exhausted? (aci-dualstack validate; GET <ipam>/ipam/pools)"));
            return;
        }
        List<String> outside = new ArrayList<>();
        for (String ip : ips) {
            Optional<IPAddress> a = Ips.parse(ip);
            if (a.isPresent() && !PodNetworkRanges.contains(ranges, a.get())) {
                outside.add(ip);
            }
        }
        if (outside.isEmpty()) {
            s.add(Finding.ok(shown + "; the pod's addresses lie inside them"));
        } else {
            s.add(Finding.problem(shown + "; " + String.join(", ", outside) + " outside them",
                    "aci-dualstack audit --subject " + outside.get(0) + " (an address from another node's range is a conflict ipam reports)"));
        }
    }

    private void ipam(Diagnosis d, String namespace, String name, List<String> ips) {
        Section s = d.section("ipam");
        if (ctx.ipamUrl().isEmpty()) {
            s.add(Finding.unknown("ipam URL unknown", "give --ipam-url http://... (e.g. kubectl port-forward to the ipam-service leader)"));
            return;
        }
        JsonHttp.Answer answer = ctx.http().get(ctx.ipamUrl().get(), "/ipam/pods/" + namespace + "/" + name);
        if (answer.status() == 404) {
            s.add(Finding.problem("ipam has no addresses for the pod (" + answer.problem() + ")",
                    "aci-dualstack audit --subject pod/" + namespace + "/" + name + " (look for pod.refused)"));
            return;
        }
        if (!answer.ok()) {
            s.add(Finding.unknown("ipam's view unavailable: " + answer.problem(),
                    answer.status() == 503 ? "ask the ipam leader (the answer names it)" : "check --ipam-url"));
            return;
        }
        List<String> held = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (JsonNode a : answer.json().path("addresses")) {
            String address = a.path("address").asText();
            held.add(address);
            shown.add(address + "/" + a.path("prefixLength").asText() + " gw " + a.path("gateway").asText());
        }
        List<String> missingInK8s = held.stream().filter(h -> ips.stream().noneMatch(ip -> Ips.same(ip, h))).toList();
        List<String> unknownToIpam = ips.stream().filter(ip -> held.stream().noneMatch(h -> Ips.same(ip, h))).toList();
        String line = "ipam holds " + (shown.isEmpty() ? "nothing" : String.join(", ", shown))
                + " on node " + answer.json().path("node").asText("?");
        if (missingInK8s.isEmpty() && unknownToIpam.isEmpty()) {
            s.add(Finding.ok(line + "; same as podIPs"));
        } else {
            s.add(Finding.problem(line + "; podIPs " + ips + " differ (" + (missingInK8s.isEmpty() ? "" : "not in podIPs: " + missingInK8s + " ")
                            + (unknownToIpam.isEmpty() ? "" : "not ipam's: " + unknownToIpam) + ")",
                    "the pod got its addresses before ipam's current record; recreate it, or see aci-dualstack audit --subject pod/" + namespace + "/" + name));
        }
    }

    private void endpointFile(Diagnosis d, String node, String uid, List<String> ips, List<IpFamily> order, String namespace, String name) {
        FileLookup lookup = ctx.files().lookup(node, uid + "_");
        Section s = d.section("Endpoint file (" + (lookup.available() ? lookup.where() : "node " + node) + ")");
        if (!lookup.available()) {
            s.add(Finding.unknown("cannot read node " + node + "'s files: " + lookup.why(),
                    "on node " + node + ": ls " + ctx.endpointDir() + uid + "_*.ep and check its \"ip\" list holds "
                            + (ips.isEmpty() ? "both addresses" : String.join(" and ", ips))
                            + " (or give --ep-writer-url " + node + "=http://...)"));
            return;
        }
        List<NodeFile> eps = lookup.files().stream().filter(f -> f.kind().equals("ep")).toList();
        if (eps.isEmpty()) {
            s.add(Finding.problem("no .ep file for uid " + uid + " on node " + node,
                    "the ep-writer on " + node + " writes one per CNI-registered sandbox once ipam's record arrives: "
                            + "see its /diagnostics (lag, lastSync) and aci-dualstack audit --subject file/" + node + "/" + uid));
            return;
        }
        if (eps.size() > 1) {
            s.add(Finding.info(eps.size() + " .ep files (one per sandbox); a stale sandbox's file goes when kubelet sends DEL"));
        }
        for (NodeFile f : eps) {
            if (f.content() == null) {
                s.add(Finding.problem(f.name() + " is not JSON", "on node " + node + ": cat " + ctx.endpointDir() + f.name()));
                continue;
            }
            List<String> inFile = new ArrayList<>();
            f.content().path("ip").forEach(ip -> inFile.add(ip.asText()));
            List<String> missing = ips.stream().filter(ip -> inFile.stream().noneMatch(x -> Ips.same(x, ip))).toList();
            List<String> extra = inFile.stream().filter(x -> ips.stream().noneMatch(ip -> Ips.same(x, ip))).toList();
            List<IpFamily> families = Ips.families(inFile);
            String shown = f.name() + ": \"ip\" " + inFile;
            List<String> issues = new ArrayList<>();
            for (String m : missing) {
                issues.add("lacks " + m + " (" + Ips.label(m) + ")");
            }
            if (!extra.isEmpty()) {
                issues.add("holds " + extra + " which the pod does not have");
            }
            for (IpFamily fam : IpFamily.values()) {
                if (!families.contains(fam) && missing.stream().noneMatch(m -> Ips.family(m).orElse(null) == fam)) {
                    issues.add("no " + fam.label() + " address");
                }
            }
            if (issues.isEmpty() && !families.isEmpty() && families.get(0) != order.get(0)) {
                issues.add(families.get(0).label() + " first, the primary family is " + order.get(0).label());
            }
            if (issues.isEmpty()) {
                s.add(Finding.ok(shown + " holds both pod IPs" + (uuidMatches(f) ? "" : " (but its uuid differs from the file name)")));
            } else {
                s.add(Finding.problem(shown + " " + String.join("; ", issues),
                        "the ep-writer writes what ipam published: compare ipam's record above, then the ep-writer's lag on " + node
                                + " and aci-dualstack audit --subject file/" + node + "/" + uid));
            }
        }
    }

    private static boolean uuidMatches(NodeFile f) {
        String uuid = f.content().path("uuid").asText("");
        return f.name().equals(uuid + ".ep");
    }

    /** Audit events of this pod start at its creation (a minute of slack for clock skew); a week back when unknown. */
    static Instant createdMinusSlack(String creationTimestamp) {
        if (creationTimestamp != null) {
            try {
                return Instant.parse(creationTimestamp).minus(Duration.ofMinutes(1));
            } catch (DateTimeParseException ignored) {
                // fall through
            }
        }
        return Instant.now().minus(Duration.ofDays(7));
    }
}
