package io.acicni.localrun.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code /proc} files a simulated node's ep-writer checks, describing a healthy dual-stack node:
 * an IPv4 and an IPv6 default route on the uplink and IPv6 forwarding on (the seed's node checks).
 * Local runs only: in a cluster the ep-writer reads the node's real {@code /proc}.
 */
final class SimulatedNodeFiles {
    private SimulatedNodeFiles() {
    }

    static void writeHealthy(Path proc) {
        try {
            Files.createDirectories(proc.resolve("net"));
            Files.createDirectories(proc.resolve("sys/net/ipv6/conf/all"));
            // /proc/net/route: default route via 192.168.51.1 on eth1 (little-endian hex, as the kernel prints it)
            Files.writeString(proc.resolve("net/route"),
                    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                            + "eth1\t00000000\t0133A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                            + "eth1\t0033A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n");
            // /proc/net/ipv6_route: ::/0 via 2600:1d18:f46:9605::1 on eth1
            Files.writeString(proc.resolve("net/ipv6_route"),
                    "26001d180f4696050000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth1\n"
                            + "00000000000000000000000000000000 00 00000000000000000000000000000000 00 26001d180f4696050000000000000001 00000400 00000001 00000000 00000003     eth1\n");
            Files.writeString(proc.resolve("sys/net/ipv6/conf/all/forwarding"), "1\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated node files under " + proc + ": " + e.getMessage(), e);
        }
    }

    /** A locally administered MAC for the simulated uplink of ep-writer process {@code n}. */
    static String uplinkMac(int n) {
        return String.format("02:ac:1d:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
    }
}
