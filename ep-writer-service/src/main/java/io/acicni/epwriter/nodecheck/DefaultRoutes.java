package io.acicni.epwriter.nodecheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the interface of the default route in the kernel's route tables: {@code /proc/net/route}
 * (IPv4: header line, then {@code Iface Destination Gateway Flags RefCnt Use Metric Mask ...} in hex)
 * and {@code /proc/net/ipv6_route} (no header: {@code dest prefixlen src srcprefixlen nexthop metric
 * refcnt use flags iface}). Routes that are not up, reject routes and the loopback are ignored; of
 * several default routes the one with the lowest metric wins.
 */
public final class DefaultRoutes {
    private static final int RTF_UP = 0x0001;
    private static final int RTF_REJECT = 0x0200;

    private DefaultRoutes() {
    }

    public static Optional<String> ipv4(Path routeFile) throws IOException {
        List<String> lines = Files.readAllLines(routeFile);
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            int flags = Integer.parseInt(f[3], 16);
            if (f[1].equals("00000000") && f[7].equals("00000000") && (flags & RTF_UP) != 0 && (flags & RTF_REJECT) == 0
                    && !f[0].equals("lo")) {
                long metric = Long.parseLong(f[6]);
                if (metric < bestMetric) {
                    best = f[0];
                    bestMetric = metric;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public static Optional<String> ipv6(Path routeFile) throws IOException {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : Files.readAllLines(routeFile)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            long flags = Long.parseLong(f[8], 16);
            if (f[0].matches("0{32}") && f[1].equals("00") && (flags & RTF_UP) != 0 && (flags & RTF_REJECT) == 0 && !f[9].equals("lo")) {
                long metric = Long.parseLong(f[5], 16);
                if (metric < bestMetric) {
                    best = f[9];
                    bestMetric = metric;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
