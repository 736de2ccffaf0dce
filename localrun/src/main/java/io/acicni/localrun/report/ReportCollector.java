package io.acicni.localrun.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.apic.model.ApicObject;
import io.acicni.localrun.process.ServiceProcess;
import io.acicni.localrun.suite.LocalSuite;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the state of a running {@link LocalSuite} into a {@link SuiteReport}. */
public final class ReportCollector {
    public static final String POD_NETWORK_RANGES = "opflex.cisco.com/pod-network-ranges";
    public static final String SERVICE_ENDPOINT = "opflex.cisco.com/service-endpoint";
    public static final String LB_CONDITION = "LbIpamAllocation";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSuite suite;

    public ReportCollector(LocalSuite suite) {
        this.suite = suite;
    }

    public SuiteReport collect(boolean converged, List<String> pending) {
        KubernetesClient client = suite.client();
        return new SuiteReport(Instant.now().toString(), converged, pending, suite.inputs().source(),
                nodes(client), pods(client), services(client), apic(), files(), processes());
    }

    static List<SuiteReport.NodeReport> nodes(KubernetesClient client) {
        return client.nodes().list().getItems().stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> new SuiteReport.NodeReport(n.getMetadata().getName(),
                        annotationJson(n, POD_NETWORK_RANGES), annotationJson(n, SERVICE_ENDPOINT)))
                .toList();
    }

    static List<SuiteReport.PodReport> pods(KubernetesClient client) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
                .map(p -> new SuiteReport.PodReport(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                        p.getMetadata().getUid(), p.getSpec() == null ? null : p.getSpec().getNodeName(),
                        p.getSpec() != null && Boolean.TRUE.equals(p.getSpec().getHostNetwork()), podIps(p)))
                .toList();
    }

    public static List<String> podIps(Pod p) {
        if (p.getStatus() == null || p.getStatus().getPodIPs() == null) {
            return List.of();
        }
        return p.getStatus().getPodIPs().stream().map(PodIP::getIp).toList();
    }

    static List<SuiteReport.ServiceReport> services(KubernetesClient client) {
        return client.services().inAnyNamespace().list().getItems().stream()
                .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace()).thenComparing(s -> s.getMetadata().getName()))
                .map(s -> service(s, readyEndpoints(client, s)))
                .toList();
    }

    /** Ready endpoints (of every family) in the service's EndpointSlices. */
    static int readyEndpoints(KubernetesClient client, Service s) {
        int ready = 0;
        for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(s.getMetadata().getNamespace())
                .withLabel("kubernetes.io/service-name", s.getMetadata().getName()).list().getItems()) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady())) {
                    ready++;
                }
            }
        }
        return ready;
    }

    static SuiteReport.ServiceReport service(Service s, int readyEndpoints) {
        List<String> lbIps = s.getStatus() == null || s.getStatus().getLoadBalancer() == null
                || s.getStatus().getLoadBalancer().getIngress() == null ? List.of()
                : s.getStatus().getLoadBalancer().getIngress().stream().map(LoadBalancerIngress::getIp).toList();
        SuiteReport.Condition condition = lbCondition(s).map(c -> new SuiteReport.Condition(c.getStatus(), c.getReason(), c.getMessage()))
                .orElse(null);
        return new SuiteReport.ServiceReport(s.getMetadata().getNamespace(), s.getMetadata().getName(), s.getMetadata().getUid(),
                s.getSpec().getType(), s.getSpec().getIpFamilyPolicy(), nullToEmpty(s.getSpec().getIpFamilies()),
                nullToEmpty(s.getSpec().getClusterIPs()), lbIps, readyEndpoints, condition);
    }

    public static Optional<Condition> lbCondition(Service s) {
        if (s.getStatus() == null || s.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return s.getStatus().getConditions().stream().filter(c -> LB_CONDITION.equals(c.getType())).findFirst();
    }

    private SuiteReport.ApicReport apic() {
        List<SuiteReport.ApicObjectReport> objects = new ArrayList<>();
        for (ApicObject o : suite.apic().allObjects()) {
            Map<String, String> attrs = new TreeMap<>(o.attributes());
            objects.add(new SuiteReport.ApicObjectReport(o.dn().orElse(""), o.className(), attrs));
        }
        return new SuiteReport.ApicReport(objects);
    }

    private Map<String, SuiteReport.NodeFiles> files() {
        Map<String, SuiteReport.NodeFiles> out = new LinkedHashMap<>();
        for (String node : suite.nodes()) {
            out.put(node, new SuiteReport.NodeFiles(readDir(suite.layout().endpointDir(node), ".ep"),
                    readDir(suite.layout().serviceDir(node), ".service")));
        }
        return out;
    }

    /** The files of a directory with this suffix, parsed; a file that does not parse is reported as such. */
    public static List<SuiteReport.FileReport> readDir(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted()
                    .map(f -> new SuiteReport.FileReport(f.getFileName().toString(), parse(f)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("error", "unreadable: " + e.getMessage());
            return error;
        }
    }

    private List<SuiteReport.ProcessReport> processes() {
        List<SuiteReport.ProcessReport> out = new ArrayList<>();
        for (ServiceProcess p : suite.processes()) {
            out.add(new SuiteReport.ProcessReport(p.name(), p.pid(), p.baseUrl().toString(),
                    p.readyAfter() == null ? -1 : p.readyAfter().toMillis() / 1000.0));
        }
        return out;
    }

    private static JsonNode annotationJson(Node n, String key) {
        String value = n.getMetadata().getAnnotations() == null ? null : n.getMetadata().getAnnotations().get(key);
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
