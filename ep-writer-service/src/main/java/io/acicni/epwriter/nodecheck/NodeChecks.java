package io.acicni.epwriter.nodecheck;

import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dual-stack troubleshooting list as code: both families have a default route, both default
 * routes use the same interface, IPv6 forwarding is on, the endpoint and service directories are
 * writable; plus counts of files and of pods lacking a family. Paths are configurable so tests can
 * point them at fixture trees. Plain Java.
 */
public final class NodeChecks {
    private final Path routeFile;
    private final Path ipv6RouteFile;
    private final Path ipv6ForwardingFile;

    public NodeChecks(Path routeFile, Path ipv6RouteFile, Path ipv6ForwardingFile) {
        this.routeFile = routeFile;
        this.ipv6RouteFile = ipv6RouteFile;
        this.ipv6ForwardingFile = ipv6ForwardingFile;
    }

    public NodeCheckReport run(List<NodeDirs> nodes, AddressingState state) {
        List<NodeCheckReport.Check> checks = new ArrayList<>();
        Optional<String> v4 = route(checks, "ipv4-default-route", () -> DefaultRoutes.ipv4(routeFile), routeFile);
        Optional<String> v6 = route(checks, "ipv6-default-route", () -> DefaultRoutes.ipv6(ipv6RouteFile), ipv6RouteFile);
        if (v4.isPresent() && v6.isPresent()) {
            boolean same = v4.get().equals(v6.get());
            checks.add(new NodeCheckReport.Check("default-routes-same-interface", same,
                    same ? "both via " + v4.get() : "IPv4 default route via " + v4.get() + " but IPv6 via " + v6.get()));
        } else {
            checks.add(new NodeCheckReport.Check("default-routes-same-interface", false, "needs a default route in both families"));
        }
        checks.add(forwarding());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (NodeDirs dirs : nodes) {
            checks.add(writable(dirs.node() + ".endpoint-dir-writable", dirs.endpointDir()));
            checks.add(writable(dirs.node() + ".service-dir-writable", dirs.serviceDir()));
            counts.put(dirs.node() + ".endpoint-files", count(dirs.endpointDir(), FileKind.ENDPOINT));
            counts.put(dirs.node() + ".service-files", count(dirs.serviceDir(), FileKind.SERVICE));
            List<PodAddressing> pods = state.pods(dirs.node());
            Set<IpFamily> expected = expectedFamilies(state.nodeRecord(dirs.node()).orElse(null), pods);
            counts.put(dirs.node() + ".pods", (long) pods.size());
            counts.put(dirs.node() + ".pods-lacking-a-family", pods.stream().filter(p -> !families(p).containsAll(expected)).count());
        }
        return new NodeCheckReport(checks, counts);
    }

    private interface RouteReader {
        Optional<String> read() throws IOException;
    }

    private static Optional<String> route(List<NodeCheckReport.Check> checks, String name, RouteReader reader, Path file) {
        try {
            Optional<String> iface = reader.read();
            checks.add(new NodeCheckReport.Check(name, iface.isPresent(),
                    iface.map(i -> "via " + i).orElse("no default route in " + file)));
            return iface;
        } catch (IOException | RuntimeException e) {
            checks.add(new NodeCheckReport.Check(name, false, "cannot read " + file + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private NodeCheckReport.Check forwarding() {
        try {
            String value = Files.readString(ipv6ForwardingFile).trim();
            boolean on = value.equals("1");
            return new NodeCheckReport.Check("ipv6-forwarding", on, on ? "enabled" : ipv6ForwardingFile + " is " + value + ", must be 1");
        } catch (IOException e) {
            return new NodeCheckReport.Check("ipv6-forwarding", false, "cannot read " + ipv6ForwardingFile + ": " + e.getMessage());
        }
    }

    private static NodeCheckReport.Check writable(String name, Path dir) {
        boolean ok = Files.isDirectory(dir) && Files.isWritable(dir);
        return new NodeCheckReport.Check(name, ok, ok ? dir.toString() : dir + " is missing or not writable");
    }

    private static long count(Path dir, FileKind kind) {
        long n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (kind.counts(p.getFileName().toString())) {
                    n++;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    static Set<IpFamily> expectedFamilies(NodeAddressing node, List<PodAddressing> pods) {
        Set<IpFamily> expected = EnumSet.noneOf(IpFamily.class);
        if (node != null) {
            for (IpFamily f : IpFamily.values()) {
                if (!node.podNetworkRanges().of(f).isEmpty()) {
                    expected.add(f);
                }
            }
        }
        if (expected.isEmpty()) {
            pods.forEach(p -> expected.addAll(families(p)));
        }
        return expected;
    }

    private static Set<IpFamily> families(PodAddressing pod) {
        Set<IpFamily> out = EnumSet.noneOf(IpFamily.class);
        for (PodAddress a : pod.addresses()) {
            out.add(a.family());
        }
        return out;
    }
}
