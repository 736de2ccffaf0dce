package io.acicni.localrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.netconfig.ip.Cidr;
import io.acicni.netconfig.ip.IpFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConvergenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UID = "11111111-2222-3333-4444-555555555555";

    private final Convergence convergence = new Convergence(List.of(IpFamily.IPV4, IpFamily.IPV6),
            List.of(cidr("10.2.0.1/16"), cidr("2001:0fb8:0042::1/56")));

    @Test
    void convergedStateHasNothingPending() {
        assertThat(convergence.pending(report(node(true), pod(List.of("10.2.0.2", "2001:fb8:42::2")), true, lb("10.3.0.2"),
                List.of(subnet("fvSubnet", "10.2.0.1/16"), subnet("fvSubnet", "2001:fb8:42::1/56"),
                        subnet("l3extSubnet", "10.3.0.2/32"))))).isEmpty();
    }

    @Test
    void namesEveryMissingPiece() {
        List<String> pending = convergence.pending(report(node(false), pod(List.of("10.2.0.2")), false, lb("10.3.0.2"),
                List.of(subnet("fvSubnet", "10.2.0.1/16"))));
        assertThat(pending).containsExactlyInAnyOrder(
                "node node-1: no V6 pod network range yet",
                "pod web/web-1: podIPs [10.2.0.2], want one per family [IPV4, IPV6]",
                "pod web/web-1: no .ep file on node-1",
                "APIC: no fvSubnet 2001:0fb8:0042::1/56",
                "service web/api: APIC has no l3extSubnet 10.3.0.2/32");
    }

    @Test
    void loadBalancerWithoutConditionIsPending() {
        SuiteReport.ServiceReport noCondition = new SuiteReport.ServiceReport("web", "api", "svc-uid", "LoadBalancer", "SingleStack",
                List.of("IPv4"), List.of("10.96.0.2"), List.of(), 0, null);
        List<String> pending = convergence.pending(report(node(true), pod(List.of("10.2.0.2", "2001:fb8:42::2")), true, noCondition,
                List.of(subnet("fvSubnet", "10.2.0.1/16"), subnet("fvSubnet", "2001:0fb8:42::1/56"))));
        assertThat(pending).containsExactly("service web/api: no LbIpamAllocation condition yet");
    }

    @Test
    void unscheduledPodIsPendingAndHostNetworkPodNeedsNoFile() {
        SuiteReport.PodReport unscheduled = new SuiteReport.PodReport("web", "later", "u2", null, false, List.of());
        SuiteReport.PodReport host = new SuiteReport.PodReport("kube-system", "agent", "u3", "node-1", true, List.of("192.168.51.11"));
        SuiteReport r = new SuiteReport("now", false, null, "test", List.of(node(true)), List.of(unscheduled, host), List.of(),
                new SuiteReport.ApicReport(List.of(subnet("fvSubnet", "10.2.0.1/16"), subnet("fvSubnet", "2001:fb8:42::1/56"))),
                Map.of("node-1", new SuiteReport.NodeFiles(List.of(), List.of())), List.of());
        assertThat(convergence.pending(r)).containsExactly("pod web/later: not scheduled");
    }

    @Test
    void serviceWithReadyEndpointsNeedsItsServiceFilesOnEveryNode() {
        SuiteReport.ServiceReport svc = new SuiteReport.ServiceReport("web", "api", "svc-uid", "LoadBalancer", "SingleStack",
                List.of("IPv4"), List.of("10.96.0.2"), List.of("10.3.0.2"), 1, new SuiteReport.Condition("True", "Success", "ok"));
        List<SuiteReport.ApicObjectReport> apic = List.of(subnet("fvSubnet", "10.2.0.1/16"), subnet("fvSubnet", "2001:fb8:42::1/56"),
                subnet("l3extSubnet", "10.3.0.2/32"));
        SuiteReport withoutFiles = report(node(true), pod(List.of("10.2.0.2", "2001:fb8:42::2")), true, svc, apic);
        assertThat(convergence.pending(withoutFiles)).containsExactly(
                "service web/api: no svc-uid.service on node-1", "service web/api: no svc-uid-external.service on node-1");

        SuiteReport.NodeFiles files = new SuiteReport.NodeFiles(
                List.of(new SuiteReport.FileReport(UID + "_abc_veth1.ep", JSON.createObjectNode())),
                List.of(new SuiteReport.FileReport("svc-uid.service", JSON.createObjectNode()),
                        new SuiteReport.FileReport("svc-uid-external.service", JSON.createObjectNode())));
        SuiteReport withFiles = new SuiteReport("now", false, null, "test", withoutFiles.nodes(), withoutFiles.pods(),
                List.of(svc), new SuiteReport.ApicReport(apic), Map.of("node-1", files), List.of());
        assertThat(convergence.pending(withFiles)).isEmpty();
    }

    private static SuiteReport report(SuiteReport.NodeReport node, SuiteReport.PodReport pod, boolean withFile,
                                      SuiteReport.ServiceReport svc, List<SuiteReport.ApicObjectReport> apic) {
        List<SuiteReport.FileReport> eps = new ArrayList<>();
        if (withFile) {
            eps.add(new SuiteReport.FileReport(UID + "_abc_veth1.ep", JSON.createObjectNode()));
        }
        return new SuiteReport("now", false, null, "test", List.of(node), List.of(pod), List.of(svc),
                new SuiteReport.ApicReport(apic), Map.of("node-1", new SuiteReport.NodeFiles(eps, List.of())), List.of());
    }

    private static SuiteReport.NodeReport node(boolean withV6) {
        String ranges = withV6 ? "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[{\"start\":\"2001:fb8:42::2\",\"end\":\"2001:fb8:42::21\"}]}"
                : "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}],\"V6\":[]}";
        return new SuiteReport.NodeReport("node-1", json(ranges), json("{\"mac\":\"aa:bb:cc:dd:ee:ff\",\"ipv4\":\"10.5.0.2\"}"));
    }

    private static SuiteReport.PodReport pod(List<String> ips) {
        return new SuiteReport.PodReport("web", "web-1", UID, "node-1", false, ips);
    }

    private static SuiteReport.ServiceReport lb(String ip) {
        return new SuiteReport.ServiceReport("web", "api", "svc-uid", "LoadBalancer", "SingleStack", List.of("IPv4"), List.of("10.96.0.2"),
                List.of(ip), 0, new SuiteReport.Condition("True", "Success", "Allocated [" + ip + "]"));
    }

    private static SuiteReport.ApicObjectReport subnet(String cls, String ip) {
        return new SuiteReport.ApicObjectReport("uni/x/subnet-[" + ip + "]", cls, Map.of("ip", ip));
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cidr cidr(String s) {
        try {
            return Cidr.parse(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
