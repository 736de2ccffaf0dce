package io.acicni.epwriter.files;

import io.acicni.events.model.PodAddressing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointFileTest {
    static final String UID = "9286a043-6026-4050-a601-f7e30344738f";
    static final Sandbox SANDBOX = new Sandbox(UID, "d27d6043706f97e6a905", "vetha91b0923", "eth0", "/var/run/netns/x");

    @Test
    void dualStackPodMatchesTheReferenceDocument() {
        PodAddressing pod = pod(UID, "worker-1", "web-1", v4("10.2.0.5"), v6("2001:fb8:42::5"));
        String json = GoJson.marshalIndent(EndpointFile.document(pod, SANDBOX, List.of("10.6.0.10", "2001:1db8:42::a"), SETTINGS, p -> { }));
        assertThat(json).isEqualTo("""
                {
                  "uuid": "9286a043-6026-4050-a601-f7e30344738f_d27d6043706f97e6a905_vetha91b0923",
                  "eg-policy-space": "kube",
                  "endpoint-group-name": "aci-containers-kube|aci-containers-default",
                  "security-group": [
                    {
                      "policy-space": "kube",
                      "name": "kube_np_static-discovery"
                    }
                  ],
                  "qos-policy": {},
                  "ip": [
                    "10.2.0.5",
                    "2001:fb8:42::5"
                  ],
                  "mac": "0a:58:0a:02:00:05",
                  "access-interface": "vetha91b0923",
                  "access-uplink-interface": "pa-vetha91b0923",
                  "interface-name": "pi-vetha91b0923",
                  "attributes": {
                    "app": "web",
                    "interface-name": "vetha91b0923",
                    "namespace": "default",
                    "vm-name": "web-1"
                  },
                  "service-ip": [
                    "10.6.0.10",
                    "2001:1db8:42::a"
                  ]
                }""");
    }

    @Test
    void ipv6PrimaryKeepsOrderAndTakesMacFromIpv4() {
        PodAddressing pod = pod(UID, "worker-1", "web-1", v6("2001:fb8:42::5"), v4("10.2.0.7"));
        var doc = EndpointFile.document(pod, SANDBOX, List.of(), SETTINGS, p -> { });
        assertThat(doc.get("ip").toString()).isEqualTo("[\"2001:fb8:42::5\",\"10.2.0.7\"]");
        assertThat(doc.get("mac").asText()).isEqualTo("0a:58:0a:02:00:07");
        assertThat(doc.has("service-ip")).isFalse();
    }

    @Test
    void macIsTheFormatOfCiscosGenerateHardwareAddr4ForEveryByteValue() {
        for (int b = 0; b < 256; b++) {
            PodAddressing pod = pod(UID, "worker-1", "web-1", v4("10." + b + "." + (255 - b) + "." + (b ^ 0x5a)));
            assertThat(EndpointFile.mac(pod)).isEqualTo(String.format("0a:58:%02x:%02x:%02x:%02x", 10, b, 255 - b, b ^ 0x5a));
        }
    }

    @Test
    void ipv6OnlyPodGetsMacFromTheLowBytesOfItsAddress() {
        PodAddressing pod = pod(UID, "worker-1", "web-1", v6("2001:fb8:42::1:a0b"));
        assertThat(EndpointFile.mac(pod)).isEqualTo("0a:58:00:01:0a:0b");
    }

    @Test
    void annotationsOverrideDefaultsAndBadOnesFallBackWithAProblem() {
        PodAddressing annotated = new PodAddressing(UID, "default", "web-1", "worker-1", List.of(v4("10.2.0.5")),
                "{\"tenant\":\"t1\",\"app-profile\":\"test\",\"name\":\"test-eg\"}",
                "[{\"tenant\":\"t1\",\"name\":\"sg1\"}]", "{\"tenant\":\"t1\",\"name\":\"q1\"}", Map.of());
        var doc = EndpointFile.document(annotated, SANDBOX, List.of(), SETTINGS, p -> { });
        assertThat(doc.get("eg-policy-space").asText()).isEqualTo("t1");
        assertThat(doc.get("endpoint-group-name").asText()).isEqualTo("test|test-eg");
        assertThat(doc.get("security-group").toString()).isEqualTo("[{\"tenant\":\"t1\",\"name\":\"sg1\"}]");
        assertThat(doc.get("qos-policy").toString()).isEqualTo("{\"tenant\":\"t1\",\"name\":\"q1\"}");

        PodAddressing broken = new PodAddressing(UID, "default", "web-1", "worker-1", List.of(v4("10.2.0.5")),
                "{not json", null, null, Map.of());
        List<String> problems = new ArrayList<>();
        var fallback = EndpointFile.document(broken, SANDBOX, List.of(), SETTINGS, problems::add);
        assertThat(fallback.get("endpoint-group-name").asText()).isEqualTo("aci-containers-kube|aci-containers-default");
        assertThat(problems).singleElement().asString().contains("field 'endpointGroup' is not valid JSON");
    }

    @Test
    void refusesASandboxOfAnotherPod() {
        PodAddressing pod = pod("other-uid", "worker-1", "web-1", v4("10.2.0.5"));
        assertThatThrownBy(() -> EndpointFile.document(pod, SANDBOX, List.of(), SETTINGS, p -> { }))
                .hasMessageContaining("belongs to pod " + UID);
    }

    @Test
    void aTerminatingPodIsMarkedInItsAttributes() {
        var pod = pod(UID, "worker-1", "web-1", v4("10.2.0.5")).withTerminating(true);
        var doc = EndpointFile.document(pod, SANDBOX, List.of(), SETTINGS, p -> { });
        assertThat(doc.get("attributes").get("terminating").asText()).isEqualTo("True");
        var live = EndpointFile.document(pod.withTerminating(false), SANDBOX, List.of(), SETTINGS, p -> { });
        assertThat(live.get("attributes").has("terminating")).isFalse();
    }
}
