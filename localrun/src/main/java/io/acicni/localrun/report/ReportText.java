package io.acicni.localrun.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report as a person reads it: one screen, one line per node, pod and service. */
public final class ReportText {
    private ReportText() {
    }

    public static void print(SuiteReport r, PrintWriter out) {
        out.println(r.converged() ? "Converged." : "NOT converged:");
        if (!r.converged() && r.pending() != null) {
            r.pending().stream().limit(15).forEach(p -> out.println("  - " + p));
            if (r.pending().size() > 15) {
                out.println("  ... and " + (r.pending().size() - 15) + " more");
            }
        }
        out.println();
        out.printf("NODES (%d)%n", r.nodes().size());
        out.printf("  %-12s %-36s %-50s %s%n", "name", "V4 pod ranges", "V6 pod ranges", "service endpoint (mac ipv4 ipv6)");
        for (SuiteReport.NodeReport n : r.nodes()) {
            JsonNode se = n.serviceEndpoint();
            out.printf("  %-12s %-36s %-50s %s%n", n.name(), ranges(n.podNetworkRanges(), "V4"), ranges(n.podNetworkRanges(), "V6"),
                    se == null ? "-" : se.path("mac").asText("-") + " " + se.path("ipv4").asText("-") + " " + se.path("ipv6").asText("-"));
        }
        out.println();
        out.printf("PODS (%d)%n", r.pods().size());
        for (SuiteReport.PodReport p : r.pods()) {
            out.printf("  %-24s %-8s %s%n", p.namespace() + "/" + p.name(), p.node() == null ? "-" : p.node(),
                    p.ips().isEmpty() ? "(no IPs)" : String.join("  ", p.ips()));
        }
        out.println();
        out.printf("SERVICES (%d)%n", r.services().size());
        for (SuiteReport.ServiceReport s : r.services()) {
            String condition = s.condition() == null ? "" : "  LbIpamAllocation=" + s.condition().status() + " (" + s.condition().reason() + ")";
            out.printf("  %-18s %-12s %-16s cluster %s%s%s%n", s.namespace() + "/" + s.name(), s.type(),
                    s.ipFamilyPolicy() == null ? "-" : s.ipFamilyPolicy(), String.join(",", s.clusterIPs()),
                    s.loadBalancerIPs().isEmpty() ? "" : "  LB " + String.join(",", s.loadBalancerIPs()), condition);
        }
        out.println();
        Map<String, Integer> byClass = new TreeMap<>();
        List<String> subnets = new ArrayList<>();
        for (SuiteReport.ApicObjectReport o : r.apic().objects()) {
            byClass.merge(o.className(), 1, Integer::sum);
            if ("fvSubnet".equals(o.className())) {
                String dn = o.dn();
                int bd = dn.indexOf("/BD-");
                String bdName = bd < 0 ? dn : dn.substring(bd + 4, dn.indexOf('/', bd + 4) < 0 ? dn.length() : dn.indexOf('/', bd + 4));
                subnets.add(bdName + " " + o.attributes().get("ip"));
            }
        }
        out.printf("APIC (%d objects): %s%n", r.apic().objects().size(), byClass);
        subnets.forEach(s -> out.println("  fvSubnet " + s));
        out.println();
        out.println("FILES");
        r.files().forEach((node, f) -> out.printf("  %-12s %3d .ep  %3d .service%n", node, f.endpoints().size(), f.services().size()));
        out.flush();
    }

    private static String ranges(JsonNode ranges, String family) {
        if (ranges == null || !ranges.path(family).isArray() || ranges.path(family).isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        ranges.path(family).forEach(r -> parts.add(r.path("start").asText() + "-" + r.path("end").asText()));
        return String.join(",", parts);
    }
}
