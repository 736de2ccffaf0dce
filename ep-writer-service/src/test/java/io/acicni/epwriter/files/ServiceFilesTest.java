package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.events.model.ServiceAddressing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.serviceEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceFilesTest {
    static final List<ServiceAddressing.Endpoint> DUAL_ENDPOINTS = List.of(
            endpoint("2001:fb8:42::6", "worker-2", "pod-b"),
            endpoint("10.2.0.6", "worker-2", "pod-b"),
            endpoint("10.2.0.5", "worker-1", "pod-a"),
            endpoint("2001:fb8:42::5", "worker-1", "pod-a"));

    @Test
    void dualStackClusterIpGivesOneMappingPerFamilyInClusterIpOrder() {
        ServiceAddressing svc = service("svc-uid-1", "web", "ClusterIP", ips("2001:1db8:42::a", "10.6.0.10"), List.of(), DUAL_ENDPOINTS);
        Map<String, ObjectNode> files = ServiceFiles.documents(svc, "worker-1", serviceEndpoint("10.5.0.2", "fd00:5::2"), SETTINGS);
        assertThat(files).containsOnlyKeys("svc-uid-1.service");
        assertThat(GoJson.marshalIndent(files.get("svc-uid-1.service"))).isEqualTo("""
                {
                  "uuid": "svc-uid-1",
                  "domain-policy-space": "common",
                  "domain-name": "kube-vrf",
                  "service-mode": "loadbalancer",
                  "service-type": "clusterIp",
                  "service-mapping": [
                    {
                      "service-ip": "2001:1db8:42::a",
                      "service-proto": "tcp",
                      "service-port": 80,
                      "next-hop-ips": [
                        "2001:fb8:42::5",
                        "2001:fb8:42::6"
                      ],
                      "terminating-next-hop-ips": [],
                      "next-hop-port": 8080,
                      "conntrack-enabled": true,
                      "session-affinity": {
                        "client-ip": {
                          "timeout-seconds": 1
                        }
                      }
                    },
                    {
                      "service-ip": "10.6.0.10",
                      "service-proto": "tcp",
                      "service-port": 80,
                      "next-hop-ips": [
                        "10.2.0.5",
                        "10.2.0.6"
                      ],
                      "terminating-next-hop-ips": [],
                      "next-hop-port": 8080,
                      "conntrack-enabled": true,
                      "session-affinity": {
                        "client-ip": {
                          "timeout-seconds": 1
                        }
                      }
                    }
                  ],
                  "attributes": {
                    "name": "web",
                    "namespace": "default",
                    "service-name": "default_web"
                  }
                }""");
    }

    @Test
    void orderOfEndpointsDoesNotChangeTheBytes() {
        List<ServiceAddressing.Endpoint> reversed = new java.util.ArrayList<>(DUAL_ENDPOINTS);
        java.util.Collections.reverse(reversed);
        ServiceAddressing a = service("u", "web", "ClusterIP", ips("10.6.0.10", "2001:1db8:42::a"), List.of(), DUAL_ENDPOINTS);
        ServiceAddressing b = service("u", "web", "ClusterIP", ips("10.6.0.10", "2001:1db8:42::a"), List.of(), reversed);
        assertThat(GoJson.marshalIndent(ServiceFiles.internal(a, SETTINGS))).isEqualTo(GoJson.marshalIndent(ServiceFiles.internal(b, SETTINGS)));
    }

    @Test
    void singleStackIpv6ServiceMapsOnlyIpv6NextHops() {
        ServiceAddressing svc = service("v6-uid", "web6", "ClusterIP", ips("2001:1db8:42::b"), List.of(), DUAL_ENDPOINTS);
        ObjectNode doc = ServiceFiles.internal(svc, SETTINGS);
        assertThat(doc.get("service-mapping")).hasSize(1);
        assertThat(doc.get("service-mapping").get(0).get("next-hop-ips").toString()).isEqualTo("[\"2001:fb8:42::5\",\"2001:fb8:42::6\"]");
    }

    @Test
    void loadBalancerGetsExternalFileForBothFamiliesWithLocalNextHopsOnly() {
        ServiceAddressing svc = service("lb-uid", "lb", "LoadBalancer", ips("10.6.0.11", "2001:1db8:42::c"),
                ips("10.3.0.2", "2001:4fb8:43::2"), DUAL_ENDPOINTS);
        Map<String, ObjectNode> files = ServiceFiles.documents(svc, "worker-1", serviceEndpoint("10.5.0.2", "fd00:5::2"), SETTINGS);
        assertThat(files).containsOnlyKeys("lb-uid.service", "lb-uid-external.service");
        ObjectNode ext = files.get("lb-uid-external.service");
        assertThat(ext.get("uuid").asText()).isEqualTo("lb-uid-external");
        assertThat(ext.get("service-mac").asText()).isEqualTo("aa:bb:cc:00:11:22");
        assertThat(ext.get("interface-name").asText()).isEqualTo("eth1");
        assertThat(ext.get("interface-ip").asText()).isEqualTo("10.5.0.2");
        assertThat(ext.get("interface-vlan").asInt()).isEqualTo(4003);
        assertThat(ext.get("service-type").asText()).isEqualTo("loadBalancer");
        assertThat(ext.get("service-mapping")).hasSize(2);
        assertThat(ext.get("service-mapping").get(0).get("service-ip").asText()).isEqualTo("10.3.0.2");
        assertThat(ext.get("service-mapping").get(0).get("next-hop-ips").toString()).isEqualTo("[\"10.2.0.5\"]");
        assertThat(ext.get("service-mapping").get(0).get("node-port").asInt()).isEqualTo(30080);
        assertThat(ext.get("service-mapping").get(1).get("service-ip").asText()).isEqualTo("2001:4fb8:43::2");
        assertThat(ext.get("service-mapping").get(1).get("next-hop-ips").toString()).isEqualTo("[\"2001:fb8:42::5\"]");
    }

    @Test
    void ipv6OnlyServiceEndpointStillGetsAnExternalFile() {
        ServiceAddressing svc = service("lb6", "lb6", "LoadBalancer", ips("2001:1db8:42::d"), ips("2001:4fb8:43::3"), DUAL_ENDPOINTS);
        ObjectNode ext = ServiceFiles.external(svc, "worker-1", serviceEndpoint(null, "fd00:5::2"), SETTINGS);
        assertThat(ext).isNotNull();
        assertThat(ext.get("interface-ip").asText()).isEqualTo("fd00:5::2");
        assertThat(ext.get("service-mapping").get(0).get("service-ip").asText()).isEqualTo("2001:4fb8:43::3");
    }

    @Test
    void noExternalFileWithoutLocalEndpointOrServiceEndpoint() {
        ServiceAddressing svc = service("lb-uid", "lb", "LoadBalancer", ips("10.6.0.11"), ips("10.3.0.2"), DUAL_ENDPOINTS);
        assertThat(ServiceFiles.external(svc, "worker-9", serviceEndpoint("10.5.0.2", null), SETTINGS)).isNull();
        assertThat(ServiceFiles.external(svc, "worker-1", null, SETTINGS)).isNull();
        assertThat(ServiceFiles.external(svc, "worker-1", serviceEndpoint(null, "fd00:5::2"), SETTINGS)).isNull();
    }

    @Test
    void headlessExternalNameAndEndpointlessServicesGetNoFile() {
        assertThat(ServiceFiles.documents(service("h", "h", "ClusterIP", List.of(), List.of(), DUAL_ENDPOINTS), "worker-1", null, SETTINGS)).isEmpty();
        assertThat(ServiceFiles.documents(service("e", "e", "ClusterIP", ips("10.6.0.12"), List.of(), List.of()), "worker-1", null, SETTINGS)).isEmpty();
    }

    @Test
    void clientIpAffinityUsesItsTimeoutAndConntrackNat() {
        ServiceAddressing base = service("a", "a", "ClusterIP", ips("10.6.0.13"), List.of(), DUAL_ENDPOINTS);
        ServiceAddressing sticky = new ServiceAddressing(base.uid(), base.namespace(), base.name(), base.type(), base.ipFamilyPolicy(),
                base.ipFamilies(), base.clusterIPs(), base.loadBalancerIPs(), base.ports(), base.endpoints(), "ClientIP", null);
        ObjectNode mapping = (ObjectNode) ServiceFiles.internal(sticky, SETTINGS).get("service-mapping").get(0);
        assertThat(mapping.get("conntrack-nat").asBoolean()).isTrue();
        assertThat(mapping.at("/session-affinity/client-ip/timeout-seconds").asInt()).isEqualTo(10800);
    }

    @Test
    void endpointPortsSelectTheNextHopPort() {
        ServiceAddressing.Port named = new ServiceAddressing.Port("metrics", "TCP", 9000, "metrics", null);
        ServiceAddressing.Endpoint ep = new ServiceAddressing.Endpoint(Fixtures.ip("10.2.0.5"), "worker-1", "p",
                List.of(new ServiceAddressing.EndpointPort("http", "TCP", 8080), new ServiceAddressing.EndpointPort("metrics", "TCP", 9100)));
        assertThat(ServiceFiles.targetPort(named, ep)).isEqualTo(9100);
        ServiceAddressing.Endpoint udpOnly = new ServiceAddressing.Endpoint(Fixtures.ip("10.2.0.5"), "worker-1", "p",
                List.of(new ServiceAddressing.EndpointPort("metrics", "UDP", 9100)));
        assertThat(ServiceFiles.targetPort(named, udpOnly)).isNull();
    }

    @Test
    void serviceLabelsJoinTheAttributesInKeyOrder() {
        ServiceAddressing svc = service("svc-uid-9", "web", "ClusterIP", ips("10.6.0.10"), List.of(), DUAL_ENDPOINTS)
                .withLabels(Map.of("tier", "front", "app", "web"));
        ObjectNode doc = ServiceFiles.internal(svc, SETTINGS);
        assertThat(GoJson.marshalIndent(doc.get("attributes"))).isEqualTo("""
                {
                  "app": "web",
                  "name": "web",
                  "namespace": "default",
                  "service-name": "default_web",
                  "tier": "front"
                }""");
    }

    @Test
    void terminatingEndpointsAreDrainingNextHopsInternallyAndNeverExternal() {
        ServiceAddressing.Endpoint draining = new ServiceAddressing.Endpoint(Fixtures.ip("10.2.0.7"), "worker-1", "pod-c",
                List.of(new ServiceAddressing.EndpointPort("http", "TCP", 8080)), true);
        ServiceAddressing svc = service("svc-uid-8", "web", "LoadBalancer", ips("10.6.0.10"), ips("10.3.0.2"),
                List.of(endpoint("10.2.0.5", "worker-1", "pod-a"), draining));
        ObjectNode internal = ServiceFiles.internal(svc, SETTINGS);
        assertThat(internal.get("service-mapping").get(0).get("next-hop-ips").toString()).isEqualTo("[\"10.2.0.5\"]");
        assertThat(internal.get("service-mapping").get(0).get("terminating-next-hop-ips").toString()).isEqualTo("[\"10.2.0.7\"]");
        ObjectNode external = ServiceFiles.external(svc, "worker-1", serviceEndpoint("10.5.0.2", null), SETTINGS);
        if (external != null) {
            assertThat(external.toString()).doesNotContain("10.2.0.7");
        }
    }
}
