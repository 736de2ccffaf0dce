package io.acicni.localrun.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a local run converged to, as {@code up --once --report FILE.json} writes it and as the screen
 * report prints it. Field names are the contract of the JSON report (see docs/operations.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteReport(String generatedAt, boolean converged, List<String> pending, String input,
                          List<NodeReport> nodes, List<PodReport> pods, List<ServiceReport> services,
                          ApicReport apic, Map<String, NodeFiles> files, List<ProcessReport> processes) {

    /**
     * A node: its ranges as in the {@code opflex.cisco.com/pod-network-ranges} annotation
     * ({@code {"V4":[{"start","end"}],"V6":[...]}}) and its service endpoint ({@code {mac, ipv4, ipv6}}).
     */
    public record NodeReport(String name, JsonNode podNetworkRanges, JsonNode serviceEndpoint) {
    }

    /** A pod and its {@code status.podIPs} in order. */
    public record PodReport(String namespace, String name, String uid, String node, boolean hostNetwork, List<String> ips) {
    }

    /**
     * A service: families, cluster IPs, LoadBalancer ingress IPs, the {@code LbIpamAllocation}
     * condition, and how many ready endpoints its EndpointSlices list.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceReport(String namespace, String name, String uid, String type, String ipFamilyPolicy,
                                List<String> ipFamilies, List<String> clusterIPs, List<String> loadBalancerIPs,
                                int readyEndpoints, Condition condition) {
    }

    /** A condition's status, reason and message. */
    public record Condition(String status, String reason, String message) {
    }

    /** Every object the APIC (emulator) holds. */
    public record ApicReport(List<ApicObjectReport> objects) {
    }

    public record ApicObjectReport(String dn, @JsonProperty("class") String className, Map<String, String> attributes) {
    }

    /** The files on one node; {@code content} is the parsed file. */
    public record NodeFiles(List<FileReport> endpoints, List<FileReport> services) {
    }

    public record FileReport(String name, JsonNode content) {
    }

    /** One service process of the run. */
    public record ProcessReport(String name, long pid, String url, double readySeconds) {
    }
}
