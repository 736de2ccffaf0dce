package io.acicni.deploy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.deploy.AuditEvents;
import io.acicni.deploy.FakeSuiteHttp;
import io.acicni.deploy.SuiteState;
import io.acicni.deploy.local.LocalSuiteState;
import io.acicni.testkit.kube.KubernetesApiDouble;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aci-dualstack diagnose} against a local run (suite.json pointing at the Kubernetes double,
 * the embedded broker, node directories in a temp dir, and a fake ep-writer/ipam HTTP API), and
 * against a "cluster" given by kubeconfig with and without ep-writer URLs.
 */
class DiagnoseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER = "c0ffee".repeat(10) + "c0ff";

    @TempDir
    Path dir;
    private KubernetesApiDouble kubeDouble;
    private KubernetesClient kube;
    private FakeSuiteHttp http;
    private Path var;
    private String ns;

    @BeforeEach
    void start() throws Exception {
        kubeDouble = KubernetesApiDouble.builder().scheduler(false).build().start();
        kube = kubeDouble.client();
        SuiteState.good(kube);
        http = new FakeSuiteHttp();
        ns = "diag-" + UUID.randomUUID().toString().substring(0, 8);
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        var = dir.resolve("var");
        Map<String, LocalSuiteState.Node> nodes = new java.util.TreeMap<>();
        for (String node : List.of("worker-1", "worker-2")) {
            Path ep = Files.createDirectories(dir.resolve(node).resolve("endpoints"));
            Path svc = Files.createDirectories(dir.resolve(node).resolve("services"));
            nodes.put(node, new LocalSuiteState.Node(http.url(), ep.toString(), svc.toString(), dir.resolve(node).resolve("meta").toString()));
            http.node(node, ep, svc);
        }
        new LocalSuiteState(1, ProcessHandle.current().pid(), kubeDouble.writeKubeconfig(dir.resolve("kubeconfig")).toString(),
                AuditEvents.bootstrap(), null, Map.of("ipam-service", http.url()), nodes).write(LocalSuiteState.fileIn(var));
    }

    @AfterEach
    void stop() {
        http.close();
        kubeDouble.close();
    }

    private CliRun diagnose(String... args) {
        List<String> all = new ArrayList<>(List.of("diagnose"));
        all.addAll(List.of(args));
        all.addAll(List.of("--local", var.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A dual-stack pod on worker-1 with ipam's record, its .ep file and an audit event. */
    private Pod goodPod(String name, String v4, String v6) throws Exception {
        Pod pod = SuiteState.create(kube, SuiteState.pod(ns, name, "worker-1", v4, v6));
        pod.getMetadata().setCreationTimestamp(Instant.now().minusSeconds(5).toString());
        ipamPod(pod, v4, v6);
        writeEp(pod, v4, v6);
        AuditEvents.send(AuditEvents.event("pod/" + ns + "/" + name, "ipam-service/ipam-0", "pod.allocated", null,
                JSON.valueToTree(List.of(v4, v6)), "pod scheduled to worker-1", Instant.now()), null);
        return pod;
    }

    private void ipamPod(Pod pod, String... ips) {
        ObjectNode p = JSON.createObjectNode().put("uid", pod.getMetadata().getUid()).put("namespace", ns)
                .put("name", pod.getMetadata().getName()).put("node", pod.getSpec().getNodeName());
        ArrayNode addresses = p.putArray("addresses");
        for (String ip : ips) {
            boolean v6 = ip.contains(":");
            addresses.addObject().put("address", ip).put("prefixLength", v6 ? 64 : 24).put("gateway", v6 ? "1:2:1:1::1" : "10.2.0.1");
        }
        http.ipam("pods/" + ns + "/" + pod.getMetadata().getName(), p);
    }

    private Path writeEp(Pod pod, String... ips) throws Exception {
        String uuid = pod.getMetadata().getUid() + "_" + CONTAINER + "_veth0a1b2c3d";
        ObjectNode ep = JSON.createObjectNode().put("uuid", uuid).put("eg-policy-space", "kube")
                .put("endpoint-group-name", "kubernetes|kube-default");
        ep.putObject("qos-policy");
        ArrayNode list = ep.putArray("ip");
        for (String ip : ips) {
            list.add(ip);
        }
        ep.put("mac", "0a:58:0a:02:00:05");
        Path file = dir.resolve(pod.getSpec().getNodeName()).resolve("endpoints").resolve(uuid + ".ep");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ep));
        return file;
    }

    @Test
    void aHealthyPodIsOkWithTheEvidenceOfEveryStep() throws Exception {
        Pod pod = goodPod("web-1", "10.2.0.5", "1:2:1:1::5");
        CliRun run = diagnose("pod", ns + "/web-1");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String uid = pod.getMetadata().getUid();
        assertThat(run.out()).contains(
                "Pod " + ns + "/web-1",
                "INFO    uid " + uid + ", node worker-1, phase Running",
                "OK      podIPs 10.2.0.5 (IPv4), 1:2:1:1::5 (IPv6): one per family, IPv4 first as the cluster's primary family",
                "OK      node worker-1 ranges V4 10.2.0.2-10.2.0.33; V6 1:2:1:1::2-1:2:1:1::21; the pod's addresses lie inside them",
                "OK      ipam holds 10.2.0.5/24 gw 10.2.0.1, 1:2:1:1::5/64 gw 1:2:1:1::1 on node worker-1; same as podIPs",
                "OK      " + uid + "_" + CONTAINER + "_veth0a1b2c3d.ep: \"ip\" [10.2.0.5, 1:2:1:1::5] holds both pod IPs",
                "OK      ipv6-forwarding: enabled",
                "OK      default-routes-same-interface: both via eth0",
                "ipam-service  pod.allocated  pod/" + ns + "/web-1  - -> [\"10.2.0.5\",\"1:2:1:1::5\"]  (pod scheduled to worker-1)",
                "Kubernetes events (Warning) on Pod " + ns + "/web-1",
                "Verdict: OK\n",
                "Next: nothing on the addressing side");
        assertThat(run.out()).doesNotContain("worker-2.endpoint-dir-writable");
        assertThat(run.err()).contains("INFO: Target: local run " + LocalSuiteState.fileIn(var));
    }

    @Test
    void anEpFileWithoutTheIpv6AddressIsTheProblem() throws Exception {
        Pod pod = goodPod("web-2", "10.2.0.6", "1:2:1:1::6");
        Path file = writeEp(pod, "10.2.0.6");
        CliRun run = diagnose("pod", ns + "/web-2");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("PROBLEM " + file.getFileName() + ": \"ip\" [10.2.0.6] lacks 1:2:1:1::6 (IPv6)",
                "Verdict: PROBLEM: " + file.getFileName() + ": \"ip\" [10.2.0.6] lacks 1:2:1:1::6 (IPv6)\n",
                "Next: the ep-writer writes what ipam published: compare ipam's record above");
    }

    @Test
    void aMissingEpFileIsTheProblem() throws Exception {
        Pod pod = goodPod("web-3", "10.2.0.7", "1:2:1:1::7");
        Files.delete(writeEp(pod, "10.2.0.7", "1:2:1:1::7"));
        CliRun run = diagnose("pod", ns + "/web-3");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: no .ep file for uid " + pod.getMetadata().getUid() + " on node worker-1\n",
                "Next: the ep-writer on worker-1 writes one per CNI-registered sandbox");
    }

    @Test
    void aPodWithOnlyIpv4IsReportedUpstreamOfItsFile() throws Exception {
        Pod pod = SuiteState.create(kube, SuiteState.pod(ns, "v4only-1", "worker-1", "10.2.0.8"));
        ipamPod(pod, "10.2.0.8");
        writeEp(pod, "10.2.0.8");
        AuditEvents.send(AuditEvents.event("pod/" + ns + "/v4only-1", "ipam-service/ipam-0", "pod.refused", null, null,
                "RANGE_FULL: no IPv6 address left in node worker-1's ranges", Instant.now()), null);
        CliRun run = diagnose("pod", ns + "/v4only-1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: podIPs [10.2.0.8]: no IPv6 address (and ");
        assertThat(run.out().lines()).anyMatch(l -> l.startsWith("  PROBLEM ") && l.endsWith(
                "pod.refused  pod/" + ns + "/v4only-1  - -> -  (RANGE_FULL: no IPv6 address left in node worker-1's ranges)"));
    }

    @Test
    void aSandboxFailureWarningIsAProblemOtherWarningsAreContext() throws Exception {
        Pod pod = goodPod("web-7", "10.2.0.12", "1:2:1:1::c");
        warning(pod, "BackOff", "Back-off restarting failed container");
        warning(pod, "FailedCreatePodSandBox", "plugin type=\"opflex-agent-cni\" failed (add): no IPv6 address");
        Pod other = SuiteState.create(kube, SuiteState.pod(ns, "web-77", "worker-1", "10.2.0.13", "1:2:1:1::d"));
        warning(other, "FailedCreatePodSandBox", "not this pod");
        CliRun run = diagnose("pod", ns + "/web-7");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("INFO    BackOff: Back-off restarting failed container [kubelet]",
                "Verdict: PROBLEM: FailedCreatePodSandBox: plugin type=\"opflex-agent-cni\" failed (add): no IPv6 address [kubelet]\n")
                .doesNotContain("not this pod");
    }

    private void warning(Pod pod, String reason, String message) {
        kube.v1().events().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8)).withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace(ns).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason(reason).withMessage(message)
                .withNewSource().withComponent("kubelet").endSource()
                .withLastTimestamp(Instant.now().toString()).withCount(1).build()).create();
    }

    @Test
    void ipv6ForwardingOffOnTheNodeIsTheProblemWithTheSysctlToRun() throws Exception {
        goodPod("web-4", "10.2.0.9", "1:2:1:1::9");
        ObjectNode d = FakeSuiteHttp.healthy();
        ArrayNode checks = d.putArray("checks");
        FakeSuiteHttp.check(checks, "ipv4-default-route", true, "via eth0");
        FakeSuiteHttp.check(checks, "ipv6-default-route", true, "via eth0");
        FakeSuiteHttp.check(checks, "ipv6-forwarding", false, "/proc/sys/net/ipv6/conf/all/forwarding is 0, must be 1");
        http.diagnostics(d);
        CliRun run = diagnose("pod", ns + "/web-4");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: node worker-1 ipv6-forwarding: /proc/sys/net/ipv6/conf/all/forwarding is 0, must be 1\n",
                "Next: on node worker-1: sysctl -w net.ipv6.conf.all.forwarding=1");
    }

    @Test
    void anUnknownPodExitsTwo() {
        CliRun run = diagnose("pod", ns + "/nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("Verdict: NOT FOUND: pod " + ns + "/nope does not exist");
        CliRun svc = diagnose("service", ns + "/nope");
        assertThat(svc.exitCode()).isEqualTo(2);
    }

    @Test
    void inAClusterWithoutEpWriterUrlsItSaysWhatToRunOnTheNode() throws Exception {
        Pod pod = goodPod("web-5", "10.2.0.10", "1:2:1:1::a");
        CliRun run = CliRun.of("diagnose", "pod", ns + "/web-5", "--kubeconfig", dir.resolve("kubeconfig").toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(
                "UNKNOWN cannot read node worker-1's files",
                "UNKNOWN ipam URL unknown",
                "UNKNOWN Kafka not configured: give --kafka-bootstrap or set ACICNI_KAFKA_BOOTSTRAP_SERVERS",
                "Verdict: OK (",
                "could not be checked)",
                "-> on node worker-1: ls /var/lib/opflex-agent-ovs/endpoints/" + pod.getMetadata().getUid()
                        + "_*.ep and check its \"ip\" list holds 10.2.0.10 and 1:2:1:1::a",
                "Next: give --ipam-url");
    }

    @Test
    void inAClusterTheFileIsReadThroughTheEpWriterUrl() throws Exception {
        Pod pod = goodPod("web-6", "10.2.0.11", "1:2:1:1::b");
        CliRun run = CliRun.of("diagnose", "pod", ns + "/web-6", "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--ep-writer-url", "worker-1=" + http.url(), "--ipam-url", http.url(), "--kafka-bootstrap", AuditEvents.bootstrap());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("(via " + http.url() + ")",
                "OK      " + pod.getMetadata().getUid() + "_" + CONTAINER + "_veth0a1b2c3d.ep: \"ip\" [10.2.0.11, 1:2:1:1::b] holds both pod IPs",
                "pod.allocated  pod/" + ns + "/web-6", "Verdict: OK\n");
    }

    // ---- services ------------------------------------------------------------------------------

    private Service dualService(String name) throws Exception {
        SuiteState.create(kube, SuiteState.pod(ns, name + "-a", "worker-1", "10.2.0.20", "1:2:1:1::20"));
        SuiteState.create(kube, SuiteState.pod(ns, name + "-b", "worker-2", "10.2.0.40", "1:2:1:1::40"));
        SuiteState.create(kube, SuiteState.service(ns, name, "RequireDualStack", List.of("IPv4", "IPv6")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (kube.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", name).list().getItems()
                .stream().filter(sl -> sl.getEndpoints() != null && sl.getEndpoints().size() == 2).count() < 2) {
            assertThat(System.nanoTime()).as("EndpointSlices of " + name).isLessThan(deadline);
            Thread.sleep(100);
        }
        Service service = kube.services().inNamespace(ns).withName(name).get();
        ObjectNode ipamView = JSON.createObjectNode().put("uid", service.getMetadata().getUid()).put("type", "ClusterIP");
        ipamView.set("clusterIPs", JSON.valueToTree(service.getSpec().getClusterIPs()));
        ipamView.putArray("loadBalancerIPs");
        ipamView.putArray("endpoints").addObject().put("address", "10.2.0.20");
        http.ipam("services/" + ns + "/" + name, ipamView);
        return service;
    }

    private void writeServiceFile(String node, Service service, List<String> serviceIps) throws Exception {
        ObjectNode doc = JSON.createObjectNode().put("uuid", service.getMetadata().getUid()).put("service-mode", "loadbalancer")
                .put("service-type", "clusterIp");
        ArrayNode mappings = doc.putArray("service-mapping");
        for (String ip : serviceIps) {
            ObjectNode m = mappings.addObject().put("service-ip", ip).put("service-proto", "tcp").put("service-port", 80);
            m.putArray("next-hop-ips").add(ip.contains(":") ? "1:2:1:1::20" : "10.2.0.20").add(ip.contains(":") ? "1:2:1:1::40" : "10.2.0.40");
        }
        Files.writeString(dir.resolve(node).resolve("services").resolve(service.getMetadata().getUid() + ".service"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    @Test
    void aDualStackServiceWithBothMappingsOnEveryNodeIsOk() throws Exception {
        Service service = dualService("api");
        List<String> ips = service.getSpec().getClusterIPs();
        writeServiceFile("worker-1", service, ips);
        writeServiceFile("worker-2", service, ips);
        CliRun run = diagnose("service", ns + "/api");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains(
                "OK      clusterIPs " + ips.get(0) + " (IPv4), " + ips.get(1) + " (IPv6): one per family in ipFamilies order",
                "OK      ready endpoints {IPv4=2, IPv6=2}",
                "OK      ipam publishes clusterIPs " + ips,
                "OK      worker-1: " + service.getMetadata().getUid() + ".service service-mapping has service-ip [" + ips.get(0) + ", " + ips.get(1)
                        + "], next hops per family {IPv4=2, IPv6=2}",
                "OK      worker-2: " + service.getMetadata().getUid() + ".service",
                "Verdict: OK\n");
    }

    @Test
    void aServiceFileWithoutTheIpv6ServiceIpIsTheProblem() throws Exception {
        Service service = dualService("cart");
        List<String> ips = service.getSpec().getClusterIPs();
        writeServiceFile("worker-1", service, ips);
        writeServiceFile("worker-2", service, List.of(ips.get(0)));
        CliRun run = diagnose("svc", ns + "/cart");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: worker-2: " + service.getMetadata().getUid() + ".service service-mapping has service-ip ["
                        + ips.get(0) + "], next hops per family {IPv4=2} - no mapping for cluster IP " + ips.get(1) + " (IPv6)\n",
                "Next: ep-writer maps a cluster IP only with ready endpoints of its family");
    }

    @Test
    void aServiceWithReadyEndpointsButNoFileOnANodeIsTheProblem() throws Exception {
        Service service = dualService("search");
        writeServiceFile("worker-1", service, service.getSpec().getClusterIPs());
        CliRun run = diagnose("service", ns + "/search");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: worker-2: no " + service.getMetadata().getUid()
                + ".service although the service has ready endpoints");
    }

    @Test
    void aLoadBalancerWithoutItsIpv6IngressShowsTheConditionAndTheRefusal() throws Exception {
        Service service = dualService("shop");
        service.getSpec().setType("LoadBalancer");
        service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder()
                .withNewLoadBalancer().addNewIngress().withIp("10.3.0.2").endIngress().endLoadBalancer()
                .addNewCondition().withType("LbIpamAllocation").withStatus("False").withReason("PoolExhausted")
                .withMessage("no IPv6 address left in extern_dynamic").withLastTransitionTime("2025-01-01T00:00:00Z").endCondition()
                .build());
        kube.resource(service).update();
        writeServiceFile("worker-1", service, service.getSpec().getClusterIPs());
        writeServiceFile("worker-2", service, service.getSpec().getClusterIPs());
        AuditEvents.send(AuditEvents.event("service/" + ns + "/shop", "ipam-service/ipam-0", "lb.refused", null, null,
                "PoolExhausted: no IPv6 address left in extern_dynamic", Instant.now()), null);
        CliRun run = diagnose("service", ns + "/shop");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Verdict: PROBLEM: LbIpamAllocation False PoolExhausted: no IPv6 address left in extern_dynamic (and",
                "PROBLEM LoadBalancer ingress 10.3.0.2 (IPv4): no IPv6 ingress IP",
                "lb.refused  service/" + ns + "/shop");
    }
}
