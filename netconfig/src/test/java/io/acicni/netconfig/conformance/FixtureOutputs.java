package io.acicni.netconfig.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.ApicRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the parts of acc-provision's expected outputs that conformance compares. */
public final class FixtureOutputs {
    /** controller-config keys that carry subnets or pools. */
    public static final List<String> CONTROLLER_SUBNET_KEYS = List.of("service-ip-pool", "extern-static",
            "extern-dynamic", "static-service-ip-pool", "pod-ip-pool", "pod-subnet", "pod-subnet-chunk-size",
            "node-service-ip-pool", "node-service-subnets");
    /** host-agent-config keys that carry subnets, gateways or VLANs. */
    public static final List<String> HOST_AGENT_SUBNET_KEYS = List.of("pod-subnet", "node-subnet",
            "cni-netconfig", "service-vlan", "kubeapi-vlan", "aci-infra-vlan");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureOutputs() {
    }

    /** The {@code data} of ConfigMap {@code aci-containers-config} in a multi-document manifest. */
    public static JsonNode aciContainersConfigData(String manifests) {
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && "ConfigMap".equals(doc.path("kind").asText())
                        && "aci-containers-config".equals(doc.path("metadata").path("name").asText())) {
                    return doc.path("data");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no ConfigMap aci-containers-config");
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every fvSubnet under an fvBD of the POSTed tenants, as
     * {@code <bd> <ip> ctrl=<ctrl> nd=<relation names>}.
     */
    public static Set<String> subnets(List<ApicRequest> requests) {
        Set<String> subnets = new LinkedHashSet<>();
        for (ApicRequest request : requests) {
            if (!request.hasBody()) {
                continue;
            }
            for (JsonNode child : request.body().path("fvTenant").path("children")) {
                JsonNode bd = child.path("fvBD");
                if (bd.isMissingNode()) {
                    continue;
                }
                String bdName = bd.path("attributes").path("name").asText();
                for (JsonNode bdChild : bd.path("children")) {
                    JsonNode subnet = bdChild.path("fvSubnet");
                    if (subnet.isMissingNode()) {
                        continue;
                    }
                    List<String> relations = new ArrayList<>();
                    for (JsonNode rel : subnet.path("children")) {
                        relations.add(rel.path("fvRsNdPfxPol").path("attributes").path("tnNdPfxPolName").asText());
                    }
                    JsonNode attrs = subnet.path("attributes");
                    subnets.add(bdName + " " + attrs.path("ip").asText()
                            + " ctrl=" + attrs.path("ctrl").asText("") + " scope=" + attrs.path("scope").asText("")
                            + " nd=" + relations + " annotation=" + attrs.path("annotation").asText(""));
                }
            }
        }
        return subnets;
    }

    /** Every fvBD object (whole JSON) of the POSTed tenants, in order. */
    public static List<JsonNode> bridgeDomains(List<ApicRequest> requests) {
        List<JsonNode> bds = new ArrayList<>();
        for (ApicRequest request : requests) {
            if (request.hasBody()) {
                for (JsonNode child : request.body().path("fvTenant").path("children")) {
                    if (child.has("fvBD")) {
                        bds.add(child);
                    }
                }
            }
        }
        return bds;
    }

    /** The tenant-level ndPfxPol objects (attributes JSON). */
    public static List<JsonNode> ndPolicies(List<ApicRequest> requests) {
        List<JsonNode> policies = new ArrayList<>();
        for (ApicRequest request : requests) {
            if (!request.hasBody()) {
                continue;
            }
            for (JsonNode child : request.body().path("fvTenant").path("children")) {
                if (child.has("ndPfxPol")) {
                    policies.add(child.path("ndPfxPol").path("attributes"));
                }
            }
        }
        return policies;
    }

    public static List<ApicRequest> apicRequests(String apicText) {
        return ApicConfigText.parse(apicText);
    }
}
