package io.acicni.events.serde;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import inet.ipaddr.IPAddressString;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.IpRange;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.topic.Topic;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSerdeTest {
    private final EventSerde serde = EventSerde.get();

    static inet.ipaddr.IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }

    static PodAddressing pod() {
        return new PodAddressing("7f0e5a7c-1d3b-4c55-9d6a-2f1f0b9f1a11", "default", "web-1", "worker-1",
                List.of(new PodAddress(ip("10.2.0.5"), 16, ip("10.2.0.1")),
                        new PodAddress(ip("2001:fb8:42::5"), 56, ip("2001:fb8:42::1"))),
                "{\"tenant\":\"kube\",\"app-profile\":\"aci-containers-kube\",\"name\":\"aci-containers-default\"}",
                null, null, Map.of("app", "web"));
    }

    @Test
    void podAddressingWritesTheDocumentedJson() {
        String json = new String(serde.serialize(pod()), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"schemaVersion\":1,\"uid\":\"7f0e5a7c-1d3b-4c55-9d6a-2f1f0b9f1a11\","
                + "\"namespace\":\"default\",\"name\":\"web-1\",\"node\":\"worker-1\",\"addresses\":["
                + "{\"address\":\"10.2.0.5\",\"prefixLength\":16,\"gateway\":\"10.2.0.1\"},"
                + "{\"address\":\"2001:fb8:42::5\",\"prefixLength\":56,\"gateway\":\"2001:fb8:42::1\"}],"
                + "\"endpointGroup\":\"{\\\"tenant\\\":\\\"kube\\\",\\\"app-profile\\\":\\\"aci-containers-kube\\\",\\\"name\\\":\\\"aci-containers-default\\\"}\","
                + "\"labels\":{\"app\":\"web\"}}");
    }

    @Test
    void everyRecordRoundTrips() {
        NodeAddressing node = new NodeAddressing("worker-1",
                new NodeAddressing.PodNetworkRanges(List.of(new IpRange(ip("10.2.0.2"), ip("10.2.0.33"))),
                        List.of(new IpRange(ip("2001:fb8:42::2"), ip("2001:fb8:42::21")))),
                new NodeServiceEndpoint("0a:58:0a:05:00:02", ip("10.5.0.2"), ip("fd00:5::2")),
                List.of(ip("192.168.51.11"), ip("2600:1d18:f46:9605::11")));
        ServiceAddressing svc = new ServiceAddressing("c0ffee00-0000-4000-8000-000000000001", "default", "web",
                "LoadBalancer", "PreferDualStack", List.of(IpFamily.IPv4, IpFamily.IPv6),
                List.of(ip("10.96.0.10"), ip("fd00:96::a")), List.of(ip("10.3.0.2"), ip("2001:4fb8:43::2")),
                List.of(new ServiceAddressing.Port("http", "TCP", 80, "8080", 30080)),
                List.of(new ServiceAddressing.Endpoint(ip("10.2.0.5"), "worker-1", "uid-1",
                        List.of(new ServiceAddressing.EndpointPort("http", "TCP", 8080)))),
                "None", null);
        AuditEvent audit = new AuditEvent("pod/default/web-1", "ipam-service/ipam-0", "pod.allocated", null,
                JsonNodeFactory.instance.objectNode().put("ipv4", "10.2.0.5"), "pod scheduled on worker-1",
                Instant.parse("2026-11-26T06:00:00Z"));

        assertThat(serde.deserialize(Topic.NODE_ADDRESSING, serde.serialize(node))).isEqualTo(node);
        assertThat(serde.deserialize(Topic.POD_ADDRESSING, serde.serialize(pod()))).isEqualTo(pod());
        assertThat(serde.deserialize(Topic.SERVICE_ADDRESSING, serde.serialize(svc))).isEqualTo(svc);
        assertThat(serde.deserialize(Topic.AUDIT, serde.serialize(audit))).isEqualTo(audit);
    }

    @Test
    void nodeRangesUseCiscosAnnotationShape() {
        NodeAddressing node = new NodeAddressing("n1",
                new NodeAddressing.PodNetworkRanges(List.of(new IpRange(ip("10.1.1.2"), ip("10.1.1.5"))), List.of()),
                null, null);
        String json = new String(serde.serialize(node), StandardCharsets.UTF_8);
        assertThat(json).contains("\"podNetworkRanges\":{\"V4\":[{\"start\":\"10.1.1.2\",\"end\":\"10.1.1.5\"}]}");
    }

    @Test
    void ipv6IsWrittenInRfc5952Form() {
        PodAddressing p = new PodAddressing("u", "ns", "p", "n",
                List.of(new PodAddress(ip("2001:0FB8:0042:0000:0000:0000:0000:0005"), 64, ip("2001:fb8:42::1"))),
                null, null, null, null);
        assertThat(new String(serde.serialize(p), StandardCharsets.UTF_8)).contains("\"address\":\"2001:fb8:42::5\"");
    }

    @Test
    void tombstoneReadsAsNull() {
        assertThat(serde.deserialize(Topic.POD_ADDRESSING, null)).isNull();
    }

    @Test
    void malformedJsonIsATypedError() {
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("$"))
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void nonObjectIsATypedError() {
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("must be a JSON object");
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"p\","
                + "\"addresses\":[{\"address\":\"10.0.0.2\",\"prefixLength\":24,\"gateway\":\"10.0.0.1\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("node"));
    }

    @Test
    void missingNestedFieldIsNamedWithItsPath() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"p\",\"node\":\"n\","
                + "\"addresses\":[{\"address\":\"10.0.0.2\",\"prefixLength\":24,\"gateway\":\"10.0.0.1\"},"
                + "{\"address\":\"fd00::2\",\"gateway\":\"fd00::1\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("addresses[1].prefixLength"));
    }

    @Test
    void invalidAddressIsNamedWithItsPath() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"p\",\"node\":\"n\","
                + "\"addresses\":[{\"address\":\"10.0.0.300\",\"prefixLength\":24,\"gateway\":\"10.0.0.1\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("10.0.0.300")
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("addresses[0].address"));
    }

    @Test
    void addressWithPrefixIsRefused() {
        String json = "{\"schemaVersion\":1,\"node\":\"n\",\"podNetworkRanges\":{\"V4\":[{\"start\":\"10.0.0.2/24\",\"end\":\"10.0.0.9\"}]}}";
        assertThatThrownBy(() -> serde.deserialize(Topic.NODE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("podNetworkRanges.V4[0].start"));
    }

    @Test
    void constructorRuleViolationIsNamedWithItsPath() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"p\",\"node\":\"n\","
                + "\"addresses\":[{\"address\":\"10.0.0.2\",\"prefixLength\":24,\"gateway\":\"fd00::1\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("addresses[0].gateway"));
    }

    @Test
    void twoAddressesOfOneFamilyAreRefused() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"p\",\"node\":\"n\","
                + "\"addresses\":[{\"address\":\"10.0.0.2\",\"prefixLength\":24,\"gateway\":\"10.0.0.1\"},"
                + "{\"address\":\"10.0.0.3\",\"prefixLength\":24,\"gateway\":\"10.0.0.1\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.POD_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("two IPv4 addresses");
    }

    @Test
    void wrongFamilyInRangeListIsRefused() {
        String json = "{\"schemaVersion\":1,\"node\":\"n\",\"podNetworkRanges\":{\"V4\":[{\"start\":\"fd00::2\",\"end\":\"fd00::9\"}]}}";
        assertThatThrownBy(() -> serde.deserialize(Topic.NODE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("podNetworkRanges.V4"));
    }

    @Test
    void unknownSchemaVersionIsRefused() {
        String json = "{\"schemaVersion\":2,\"node\":\"n\",\"podNetworkRanges\":{}}";
        assertThatThrownBy(() -> serde.deserialize(Topic.NODE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnknownSchemaVersionException.class)
                .hasMessageContaining("unknown schema version 2")
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("schemaVersion"));
    }

    @Test
    void missingSchemaVersionIsRefused() {
        String json = "{\"node\":\"n\",\"podNetworkRanges\":{}}";
        assertThatThrownBy(() -> serde.deserialize(Topic.NODE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("schemaVersion"));
    }

    @Test
    void wrongTypeIsNamed() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"s\",\"type\":\"ClusterIP\","
                + "\"ports\":[{\"protocol\":\"TCP\",\"port\":\"eighty\"}]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.SERVICE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("ports[0].port"));
    }

    @Test
    void unknownFamilyNameIsNamed() {
        String json = "{\"schemaVersion\":1,\"uid\":\"u\",\"namespace\":\"ns\",\"name\":\"s\",\"type\":\"ClusterIP\","
                + "\"ipFamilies\":[\"IPv5\"]}";
        assertThatThrownBy(() -> serde.deserialize(Topic.SERVICE_ADDRESSING, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo("ipFamilies[0]"));
    }

    @Test
    void terminatingIsWrittenOnlyWhenTrueAndRoundTrips() {
        assertThat(new String(serde.serialize(pod()), StandardCharsets.UTF_8)).doesNotContain("terminating");
        PodAddressing deleting = pod().withTerminating(true);
        assertThat(new String(serde.serialize(deleting), StandardCharsets.UTF_8)).endsWith(",\"terminating\":true}");
        assertThat(serde.deserialize(Topic.POD_ADDRESSING, serde.serialize(deleting))).isEqualTo(deleting);
    }
}
