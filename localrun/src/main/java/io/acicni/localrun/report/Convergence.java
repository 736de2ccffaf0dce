package io.acicni.localrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a local run has converged, judged from a {@link SuiteReport} alone: every node has its ranges
 * (one per pod family) and its service endpoint; every scheduled pod has one IP per pod family and
 * its {@code .ep} file on its node; every service with cluster IPs and ready endpoints has its
 * {@code <uid>.service} file on every node (and, for a LoadBalancer with ingress IPs, its
 * {@code <uid>-external.service} on every node with a service endpoint); every LoadBalancer service has its {@code LbIpamAllocation}
 * condition and, when allocated, a {@code /32} or {@code /128} {@code l3extSubnet} per ingress IP in
 * the APIC; the APIC holds every node and pod subnet. {@link #pending} names what is still missing.
 *
 * @param podFamilies    the cluster's pod families, primary first
 * @param fabricSubnets  the node and pod gateway subnets the APIC must hold
 */
public record Convergence(List<IpFamily> podFamilies, List<Cidr> fabricSubnets) {

    /** What is not there yet, one line each; empty when converged. */
    public List<String> pending(SuiteReport report) {
        List<String> pending = new ArrayList<>();
        for (SuiteReport.NodeReport node : report.nodes()) {
            JsonNode ranges = node.podNetworkRanges();
            for (IpFamily family : podFamilies) {
                String key = family == IpFamily.IPV4 ? "V4" : "V6";
                if (ranges == null || !ranges.path(key).isArray() || ranges.path(key).isEmpty()) {
                    pending.add("node " + node.name() + ": no " + key + " pod network range yet");
                }
            }
            if (node.serviceEndpoint() == null) {
                pending.add("node " + node.name() + ": no service endpoint yet");
            }
        }
        for (SuiteReport.PodReport pod : report.pods()) {
            String name = pod.namespace() + "/" + pod.name();
            if (pod.node() == null) {
                pending.add("pod " + name + ": not scheduled");
                continue;
            }
            if (pod.hostNetwork()) {
                continue;
            }
            if (pod.ips().size() != podFamilies.size()) {
                pending.add("pod " + name + ": podIPs " + pod.ips() + ", want one per family " + podFamilies);
            }
            SuiteReport.NodeFiles files = report.files() == null ? null : report.files().get(pod.node());
            boolean hasFile = files != null && files.endpoints().stream().anyMatch(f -> f.name().startsWith(pod.uid()));
            if (!hasFile) {
                pending.add("pod " + name + ": no .ep file on " + pod.node());
            }
        }
        Set<String> l3extSubnets = new HashSet<>();
        Set<IPAddress> fvSubnets = new HashSet<>();
        for (SuiteReport.ApicObjectReport o : report.apic().objects()) {
            String ip = o.attributes().get("ip");
            if (ip == null) {
                continue;
            }
            if ("l3extSubnet".equals(o.className())) {
                l3extSubnets.add(normalise(ip));
            } else if ("fvSubnet".equals(o.className())) {
                IPAddress a = new IPAddressString(ip).getAddress();
                if (a != null) {
                    fvSubnets.add(a);
                }
            }
        }
        for (Cidr subnet : fabricSubnets) {
            IPAddress want = new IPAddressString(subnet.text()).getAddress();
            if (!fvSubnets.contains(want)) {
                pending.add("APIC: no fvSubnet " + subnet.text());
            }
        }
        for (SuiteReport.ServiceReport svc : report.services()) {
            pendingServiceFiles(report, svc, pending);
            if (!"LoadBalancer".equals(svc.type())) {
                continue;
            }
            String name = svc.namespace() + "/" + svc.name();
            if (svc.condition() == null) {
                pending.add("service " + name + ": no LbIpamAllocation condition yet");
                continue;
            }
            for (String ip : svc.loadBalancerIPs()) {
                String host = normalise(ip + (ip.contains(":") ? "/128" : "/32"));
                if (!l3extSubnets.contains(host)) {
                    pending.add("service " + name + ": APIC has no l3extSubnet " + host);
                }
            }
        }
        return pending;
    }

    private static void pendingServiceFiles(SuiteReport report, SuiteReport.ServiceReport svc, List<String> pending) {
        if (svc.clusterIPs().isEmpty() || svc.clusterIPs().contains("None") || svc.readyEndpoints() == 0 || report.files() == null) {
            return;
        }
        boolean external = "LoadBalancer".equals(svc.type()) && !svc.loadBalancerIPs().isEmpty();
        for (SuiteReport.NodeReport node : report.nodes()) {
            SuiteReport.NodeFiles files = report.files().get(node.name());
            if (files == null) {
                continue;
            }
            List<String> want = new ArrayList<>(List.of(svc.uid() + ".service"));
            if (external && node.serviceEndpoint() != null) {
                want.add(svc.uid() + "-external.service");
            }
            for (String name : want) {
                if (files.services().stream().noneMatch(f -> f.name().equals(name))) {
                    pending.add("service " + svc.namespace() + "/" + svc.name() + ": no " + name + " on " + node.name());
                }
            }
        }
    }

    private static String normalise(String cidr) {
        IPAddress a = new IPAddressString(cidr).getAddress();
        return a == null ? cidr : a.toCanonicalString();
    }
}
