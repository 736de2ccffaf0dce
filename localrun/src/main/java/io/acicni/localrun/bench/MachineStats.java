package io.acicni.localrun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU ({@code /proc/stat} first line) and load ({@code /proc/loadavg}): the
 * benchmark shares its cores with whatever else runs, and says how busy they were.
 */
public final class MachineStats {
    private MachineStats() {
    }

    /** Busy and total jiffies of all CPUs. */
    public record Cpu(long busy, long total) {
        /** Share of all cores busy between two readings (0..1). */
        public double busyShareSince(Cpu before) {
            long t = total - before.total;
            return t <= 0 ? 0 : (busy - before.busy) / (double) t;
        }
    }

    public static Cpu cpu() {
        try {
            return parseCpu(Files.readString(Path.of("/proc/stat")));
        } catch (IOException | RuntimeException e) {
            return new Cpu(0, 0);
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...}: idle + iowait are not busy. */
    static Cpu parseCpu(String stat) {
        String first = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line"));
        String[] f = first.substring(4).trim().split("\\s+");
        long total = 0;
        for (int i = 0; i < Math.min(f.length, 8); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new Cpu(total - idle, total);
    }

    /** The 1-minute load average, -1 when unknown. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
