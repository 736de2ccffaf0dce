package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.epwriter.files.EndpointFile;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

/** The streamed CNI result is the body the REST layer sent when it serialised the result tree. */
class CniResultTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void dualStackResult() {
        PodAddressing pod = pod("u1", "n1", "p", v4("10.2.0.5"), v6("2001:fb8:42::5"));
        Sandbox sandbox = new Sandbox("u1", "c0ffee", "veth1", "eth0", "/var/run/netns/x");
        assertThat(new String(CniResult.json(pod, sandbox, sandbox.netns()), StandardCharsets.UTF_8)).isEqualTo(
                "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\",\"mac\":\"0a:58:0a:02:00:05\",\"sandbox\":\"/var/run/netns/x\"}],"
                        + "\"ips\":[{\"address\":\"10.2.0.5/16\",\"gateway\":\"10.2.0.1\",\"interface\":0},"
                        + "{\"address\":\"2001:fb8:42::5/56\",\"gateway\":\"2001:fb8:42::1\",\"interface\":0}],"
                        + "\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gw\":\"10.2.0.1\"},{\"dst\":\"::/0\",\"gw\":\"2001:fb8:42::1\"}],\"dns\":{}}");
    }

    @Test
    void sameBytesAsTheTreeForAnyNetnsAndFamilyOrder() throws Exception {
        for (String netns : new String[] {null, "/var/run/netns/cni-1", "/a \"quoted\" \\ path\n\u0001<&>é😀\u2028"}) {
            for (PodAddressing pod : new PodAddressing[] {pod("u1", "n1", "p", v6("2001:fb8:42::9")),
                    pod("u1", "n1", "p", v6("2001:fb8:42::9"), v4("10.2.0.9")), pod("u1", "n1", "p", v4("10.2.0.9"))}) {
                Sandbox sandbox = new Sandbox("u1", "c0ffee", "veth1", "net1", netns);
                assertThat(CniResult.json(pod, sandbox, netns)).isEqualTo(MAPPER.writeValueAsBytes(treeAsBefore(pod, sandbox, netns)));
            }
        }
    }

    /** How the result was built before it was streamed. */
    static ObjectNode treeAsBefore(PodAddressing pod, Sandbox sandbox, String netns) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("cniVersion", CniService.CNI_VERSION);
        ObjectNode iface = result.putArray("interfaces").addObject();
        iface.put("name", sandbox.ifName());
        iface.put("mac", EndpointFile.mac(pod));
        if (netns != null) {
            iface.put("sandbox", netns);
        }
        ArrayNode ips = result.putArray("ips");
        ArrayNode routes = result.putArray("routes");
        for (PodAddress address : pod.addresses()) {
            ips.addObject().put("address", Addresses.format(address.address()) + "/" + address.prefixLength())
                    .put("gateway", Addresses.format(address.gateway())).put("interface", 0);
            routes.addObject().put("dst", address.family() == IpFamily.IPv4 ? "0.0.0.0/0" : "::/0").put("gw", Addresses.format(address.gateway()));
        }
        result.putObject("dns");
        return result;
    }
}
