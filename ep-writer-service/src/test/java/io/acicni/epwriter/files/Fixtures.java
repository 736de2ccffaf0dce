package io.acicni.epwriter.files;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builders for the records the tests feed in. */
public final class Fixtures {
    public static final FileSettings SETTINGS = new FileSettings(
            new OpflexGroup(null, "kube", null, "aci-containers-kube|aci-containers-default"),
            List.of(new OpflexGroup(null, "kube", null, "kube_np_static-discovery")),
            "kube-vrf", "common", "eth1", "aa:bb:cc:00:11:22", 4003);

    private Fixtures() {
    }

    public static IPAddress ip(String text) {
        return Addresses.parse(text, "test");
    }

    public static List<IPAddress> ips(String... texts) {
        return Arrays.stream(texts).map(Fixtures::ip).toList();
    }

    public static PodAddress v4(String address) {
        return new PodAddress(ip(address), 16, ip("10.2.0.1"));
    }

    public static PodAddress v6(String address) {
        return new PodAddress(ip(address), 56, ip("2001:fb8:42::1"));
    }

    public static PodAddressing pod(String uid, String node, String name, PodAddress... addresses) {
        return new PodAddressing(uid, "default", name, node, List.of(addresses), null, null, null, Map.of("app", "web"));
    }

    public static ServiceAddressing service(String uid, String name, String type, List<IPAddress> clusterIPs,
                                            List<IPAddress> lbIPs, List<ServiceAddressing.Endpoint> endpoints) {
        List<IpFamily> families = clusterIPs.stream().map(IpFamily::of).toList();
        return new ServiceAddressing(uid, "default", name, type, clusterIPs.size() > 1 ? "RequireDualStack" : "SingleStack",
                families, clusterIPs, lbIPs,
                List.of(new ServiceAddressing.Port("http", "TCP", 80, "8080", "LoadBalancer".equals(type) ? 30080 : null)),
                endpoints, null, null);
    }

    public static ServiceAddressing.Endpoint endpoint(String address, String node, String podUid) {
        return new ServiceAddressing.Endpoint(ip(address), node, podUid,
                List.of(new ServiceAddressing.EndpointPort("http", "TCP", 8080)));
    }

    public static NodeServiceEndpoint serviceEndpoint(String v4, String v6) {
        return new NodeServiceEndpoint("02:11:22:33:44:55", v4 == null ? null : ip(v4), v6 == null ? null : ip(v6));
    }
}
