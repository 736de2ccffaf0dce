package io.acicni.localrun.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.acicni.deploy.cli.AciDualstack;
import io.acicni.localrun.cli.LocalRun;
import io.acicni.localrun.report.Converger;
import io.acicni.localrun.report.ReportCollector;
import io.acicni.localrun.report.SuiteReport;
import io.acicni.localrun.suite.LocalSuite;
import io.acicni.localrun.suite.SuiteOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end test of the suite: {@code aci-dualstack up} with the default input and the sample
 * cluster — real broker, the Kubernetes API double with its kubelet calling the ep-writers' CNI
 * endpoint, the APIC emulator, and the three services' packaged apps as processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Faster start-up on a 2-core CI machine; the services' behaviour does not depend on it. */
    static final List<String> TEST_JVM = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1");
    static final Path HOME = Path.of(System.getProperty("aci-dualstack.home", "..")).toAbsolutePath().normalize();

    private static LocalSuite suite;
    private static SuiteReport report;

    @BeforeAll
    static void up() {
        LocalRun.quietLogging();
        SuiteOptions options = SuiteOptions.defaults(HOME).withVar(Path.of("target/up-it/var")).withJvmOptions(TEST_JVM);
        suite = LocalSuite.start(options, line -> System.out.println("[up] " + line));
        report = new Converger(suite).await(Duration.ofSeconds(240), line -> System.out.println("[up] " + line));
        assertThat(report.pending()).as("pending after the timeout").isEmpty();
        assertThat(report.converged()).isTrue();
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void everyPodHasOneAddressPerFamilyFromItsNodesRangesPrimaryFirstNoneTwice() {
        Map<String, SuiteReport.NodeReport> nodes = report.nodes().stream()
                .collect(Collectors.toMap(SuiteReport.NodeReport::name, n -> n));
        Set<String> seen = new HashSet<>();
        assertThat(report.pods()).hasSize(12);
        for (SuiteReport.PodReport pod : report.pods()) {
            assertThat(pod.ips()).as(pod.name()).hasSize(2);
            IPAddress v4 = ip(pod.ips().get(0));
            IPAddress v6 = ip(pod.ips().get(1));
            assertThat(v4.isIPv4()).as("primary family (IPv4, first pod_subnet) first for " + pod.name()).isTrue();
            assertThat(v6.isIPv6()).as(pod.name()).isTrue();
            JsonNode ranges = nodes.get(pod.node()).podNetworkRanges();
            assertThat(inRanges(v4, ranges.path("V4"))).as(pod.name() + " " + v4 + " in " + pod.node() + "'s V4 ranges " + ranges).isTrue();
            assertThat(inRanges(v6, ranges.path("V6"))).as(pod.name() + " " + v6 + " in " + pod.node() + "'s V6 ranges " + ranges).isTrue();
            assertThat(seen.add(v4.toCanonicalString())).as("address held twice: " + v4).isTrue();
            assertThat(seen.add(v6.toCanonicalString())).as("address held twice: " + v6).isTrue();
        }
        for (SuiteReport.NodeReport node : report.nodes()) {
            assertThat(node.serviceEndpoint().path("ipv4").asText()).as(node.name()).startsWith("10.5.0.");
            assertThat(node.serviceEndpoint().path("ipv6").asText()).as(node.name()).startsWith("fd00:5:0:1::");
            assertThat(node.serviceEndpoint().path("mac").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        }
    }

    @Test
    @Order(2)
    void loadBalancersGetTheFamiliesTheirPolicyAsksFor() {
        Map<String, SuiteReport.ServiceReport> services = report.services().stream()
                .collect(Collectors.toMap(s -> s.namespace() + "/" + s.name(), s -> s));
        assertThat(families(services.get("web/api").loadBalancerIPs())).containsExactly("IPv4", "IPv6"); // PreferDualStack
        assertThat(families(services.get("shop/shop").loadBalancerIPs())).containsExactly("IPv6", "IPv4"); // RequireDualStack, v6 first
        assertThat(families(services.get("shop/db").loadBalancerIPs())).containsExactly("IPv6"); // SingleStack IPv6
        assertThat(services.get("web/web-static").loadBalancerIPs()).containsExactly("10.4.0.10", "2001:5ab8:43::10");
        assertThat(services.get("web/web").clusterIPs()).hasSize(2); // ClusterIP dual-stack
        assertThat(services.get("web/web").loadBalancerIPs()).isEmpty();
        for (String lb : List.of("web/api", "shop/shop", "shop/db", "web/web-static")) {
            assertThat(services.get(lb).condition().status()).as(lb).isEqualTo("True");
            assertThat(services.get(lb).condition().reason()).as(lb).isEqualTo("Success");
            for (String ip : services.get(lb).loadBalancerIPs()) {
                assertThat(ip(ip).contains(ip("10.3.0.0/24")) || ip(ip).contains(ip("10.4.0.0/24"))
                        || ip("2001:4fb8:43::/56").contains(ip(ip)) || ip("2001:5ab8:43::/56").contains(ip(ip))
                        || ip("10.3.0.0/24").contains(ip(ip)) || ip("10.4.0.0/24").contains(ip(ip)))
                        .as(lb + " " + ip + " from extern_dynamic or extern_static").isTrue();
            }
        }
    }

    @Test
    @Order(3)
    void apicHoldsBothSubnetsPerBridgeDomainAndAHostRoutePerLoadBalancerIp() {
        Map<String, List<String>> subnetsByBd = new java.util.TreeMap<>();
        Set<String> hostRoutes = new HashSet<>();
        for (SuiteReport.ApicObjectReport o : report.apic().objects()) {
            if ("fvSubnet".equals(o.className())) {
                String bd = o.dn().replaceAll(".*/BD-([^/]+)/.*", "$1");
                subnetsByBd.computeIfAbsent(bd, k -> new ArrayList<>()).add(o.attributes().get("ip"));
            } else if ("l3extSubnet".equals(o.className())) {
                hostRoutes.add(ip(o.attributes().get("ip")).toCanonicalString());
            }
        }
        assertThat(subnetsByBd).containsOnlyKeys("aci-containers-kube-node-bd", "aci-containers-kube-pod-bd");
        assertThat(subnetsByBd.get("aci-containers-kube-node-bd")).extracting(s -> ip(s).isIPv4()).containsExactlyInAnyOrder(true, false);
        assertThat(subnetsByBd.get("aci-containers-kube-pod-bd")).extracting(s -> ip(s).isIPv4()).containsExactlyInAnyOrder(true, false);
        for (SuiteReport.ServiceReport s : report.services()) {
            for (String lbIp : s.loadBalancerIPs()) {
                String route = ip(lbIp + (lbIp.contains(":") ? "/128" : "/32")).toCanonicalString();
                assertThat(hostRoutes).as("l3extSubnet for " + s.name() + " " + lbIp).contains(route);
            }
        }
    }

    @Test
    @Order(4)
    void everyPodHasItsEpFileOnItsNodeWithBothAddresses() {
        for (SuiteReport.PodReport pod : report.pods()) {
            List<SuiteReport.FileReport> files = report.files().get(pod.node()).endpoints().stream()
                    .filter(f -> f.name().startsWith(pod.uid() + "_")).toList();
            assertThat(files).as(".ep file of " + pod.name() + " on " + pod.node()).hasSize(1);
            List<String> ips = new ArrayList<>();
            files.get(0).content().path("ip").forEach(n -> ips.add(n.asText()));
            assertThat(ips).as(files.get(0).name()).containsExactlyElementsOf(pod.ips());
            assertThat(files.get(0).content().path("attributes").path("vm-name").asText()).isEqualTo(pod.name());
        }
        // and no file for a pod that is not on that node
        report.files().forEach((node, f) -> assertThat(f.endpoints()).hasSize(
                (int) report.pods().stream().filter(p -> node.equals(p.node())).count()));
    }

    @Test
    @Order(5)
    void validatePassesAgainstTheLocalRun() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AciDualstack.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "validate", "--local", suite.layout().var().toString());
        assertThat(code).as("validate exit code; stdout:\n" + out + "\nstderr:\n" + err).isZero();
        assertThat(out.toString()).contains("PASS").doesNotContain("FAIL");
        StringWriter json = new StringWriter();
        assertThat(AciDualstack.execute(new PrintWriter(json, true), new PrintWriter(new StringWriter(), true),
                "validate", "--local", suite.layout().var().toString(), "-o", "json")).isZero();
        assertThat(json.toString()).contains("\"status\"");
    }

    @Test
    @Order(6)
    void deletingAPodRemovesItsFileAndReleasesItsAddresses() throws Exception {
        SuiteReport.PodReport pod = report.pods().stream().filter(p -> p.name().equals("web-1")).findFirst().orElseThrow();
        Path dir = suite.layout().endpointDir(pod.node());
        String ipam = suite.ipam().baseUrl().toString();
        long quarantinedBefore = podPoolQuarantined(ipam);
        assertThat(status(ipam + "/ipam/pods/web/web-1")).isEqualTo(200);

        suite.client().pods().inNamespace("web").withName("web-1").delete();

        await(Duration.ofSeconds(60), "the .ep file of web-1 to disappear from " + dir,
                () -> ReportCollector.readDir(dir, ".ep").stream().noneMatch(f -> f.name().startsWith(pod.uid())));
        await(Duration.ofSeconds(60), "ipam to forget web-1", () -> status(ipam + "/ipam/pods/web/web-1") == 404);
        await(Duration.ofSeconds(30), "web-1's two addresses to be quarantined",
                () -> podPoolQuarantined(ipam) >= quarantinedBefore + 2);
    }

    @Test
    @Order(10)
    void requireDualStackThatCannotBeSatisfiedReportsItInTheCondition() throws Exception {
        down();
        suite = null;
        Path reportFile = Path.of("target/up-it/unsatisfiable.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LocalRun.execute(new PrintWriter(out, true), new PrintWriter(err, true), "up", "--once",
                "--home", HOME.toString(), "--var", "target/up-it/var2", "--report", reportFile.toString(),
                "--cluster", "src/test/resources/clusters/require-dual-stack-v4-only.yaml",
                "--timeout", "240", "--jvm-options", String.join(" ", TEST_JVM));
        assertThat(code).as("exit code; stderr:\n" + err + "\nstdout:\n" + out).isZero();
        assertThat(out.toString()).contains("converged").contains("default/both-or-nothing");
        JsonNode json = JSON.readTree(reportFile.toFile());
        JsonNode svc = null;
        for (JsonNode s : json.path("services")) {
            if (s.path("name").asText().equals("both-or-nothing")) {
                svc = s;
            }
        }
        assertThat(svc).isNotNull();
        assertThat(svc.path("loadBalancerIPs")).isEmpty();
        assertThat(svc.path("condition").path("status").asText()).isEqualTo("False");
        assertThat(svc.path("condition").path("reason").asText()).isNotEqualTo("Success").isNotBlank();
        assertThat(json.path("pods").get(0).path("ips")).hasSize(2);
        assertThat(Files.exists(Path.of("target/up-it/var2/suite.json"))).as("suite.json removed after --once").isFalse();
    }

    private static long podPoolQuarantined(String ipam) {
        try {
            JsonNode pools = JSON.readTree(get(ipam + "/ipam/pools").body());
            long q = 0;
            for (JsonNode p : pools) {
                if (p.path("pool").asText().equals("pod")) {
                    q += p.path("quarantined").asLong();
                }
            }
            return q;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(String url) {
        return get(url).statusCode();
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url + ": " + e.getMessage(), e);
        }
    }

    private static void await(Duration timeout, String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static List<String> families(List<String> ips) {
        return ips.stream().map(s -> ip(s).isIPv4() ? "IPv4" : "IPv6").toList();
    }

    private static boolean inRanges(IPAddress a, JsonNode ranges) {
        for (JsonNode r : ranges) {
            IPAddress start = ip(r.path("start").asText());
            IPAddress end = ip(r.path("end").asText());
            if (start.toSequentialRange(end).contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static IPAddress ip(String text) {
        IPAddress a = new IPAddressString(text).getAddress();
        if (a == null) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        return a;
    }
}
