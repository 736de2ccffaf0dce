package io.acicni.epwriter.nodecheck;

import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.events.model.IpRange;
import io.acicni.events.model.NodeAddressing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.acicni.epwriter.files.Fixtures.ip;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

class NodeChecksTest {
    static final Path PROC = Path.of("src/test/resources/proc");

    @TempDir
    Path tmp;

    NodeCheckReport run(String fixture, AddressingState state) throws Exception {
        Path ep = Files.createDirectories(tmp.resolve("ep"));
        Path svc = Files.createDirectories(tmp.resolve("svc"));
        Files.writeString(ep.resolve("a_b_c.ep"), "{}");
        Path root = PROC.resolve(fixture);
        return new NodeChecks(root.resolve("net/route"), root.resolve("net/ipv6_route"), root.resolve("sys/net/ipv6/conf/all/forwarding"))
                .run(List.of(new NodeDirs("n1", ep, svc, tmp.resolve("meta"))), state);
    }

    @Test
    void healthyNodePassesEveryCheck() throws Exception {
        NodeCheckReport report = run("healthy", new AddressingState(List.of("n1")));
        assertThat(report.problems()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.counts()).containsEntry("n1.endpoint-files", 1L).containsEntry("n1.service-files", 0L);
    }

    @Test
    void forwardingOffIsReported() throws Exception {
        assertThat(run("forwarding-off", new AddressingState(List.of("n1"))).problems())
                .containsExactly("ipv6-forwarding: " + PROC.resolve("forwarding-off/sys/net/ipv6/conf/all/forwarding") + " is 0, must be 1");
    }

    @Test
    void missingIpv6DefaultRouteIsReported() throws Exception {
        assertThat(run("no-v6-route", new AddressingState(List.of("n1"))).problems()).anySatisfy(p -> assertThat(p).startsWith("ipv6-default-route: no default route"))
                .anySatisfy(p -> assertThat(p).startsWith("default-routes-same-interface"));
    }

    @Test
    void defaultRoutesOnDifferentInterfacesAreReported() throws Exception {
        assertThat(run("split-interfaces", new AddressingState(List.of("n1"))).problems())
                .containsExactly("default-routes-same-interface: IPv4 default route via eth0 but IPv6 via eth2");
    }

    @Test
    void unwritableDirectoryAndPodsLackingAFamilyAreCounted() throws Exception {
        AddressingState state = new AddressingState(List.of("n1"));
        state.putNode("n1", new NodeAddressing("n1", new NodeAddressing.PodNetworkRanges(
                List.of(new IpRange(ip("10.2.0.2"), ip("10.2.0.33"))), List.of(new IpRange(ip("2001:fb8:42::2"), ip("2001:fb8:42::21")))), null, List.of()));
        state.putPod(pod("u1", "n1", "dual", v4("10.2.0.5"), v6("2001:fb8:42::5")));
        state.putPod(pod("u2", "n1", "v4only", v4("10.2.0.6")));
        NodeCheckReport report = new NodeChecks(PROC.resolve("healthy/net/route"), PROC.resolve("healthy/net/ipv6_route"),
                PROC.resolve("healthy/sys/net/ipv6/conf/all/forwarding"))
                .run(List.of(new NodeDirs("n1", tmp.resolve("missing-ep"), tmp, tmp)), state);
        assertThat(report.problems()).containsExactly("n1.endpoint-dir-writable: " + tmp.resolve("missing-ep") + " is missing or not writable");
        assertThat(report.counts()).containsEntry("n1.pods", 2L).containsEntry("n1.pods-lacking-a-family", 1L);
    }
}
