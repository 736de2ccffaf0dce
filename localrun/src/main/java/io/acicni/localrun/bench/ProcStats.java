package io.acicni.localrun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and memory of a process from Linux {@code /proc}: {@code /proc/<pid>/stat} fields 14 and
 * 15 ({@code utime}, {@code stime}, in clock ticks) and {@code /proc/<pid>/status} {@code VmRSS} and
 * {@code VmHWM} (peak resident set, kB).
 */
public final class ProcStats {
    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux this runs on (x86-64 and arm64 kernels use USER_HZ=100). */
    public static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** One reading of a process. */
    public record Sample(long pid, long cpuTicks, long rssKb, long hwmKb) {
        public double cpuSeconds() {
            return cpuTicks / (double) CLOCK_TICKS_PER_SECOND;
        }
    }

    public static Optional<Sample> read(long pid) {
        return read(Path.of("/proc"), pid);
    }

    static Optional<Sample> read(Path proc, long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            String status = Files.readString(proc.resolve(Long.toString(pid)).resolve("status"));
            return Optional.of(new Sample(pid, cpuTicks(stat), statusKb(status, "VmRSS"), statusKb(status, "VmHWM")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not Linux
        }
    }

    /**
     * {@code utime + stime} from a {@code stat} line. The command name (field 2) is in parentheses and
     * may contain spaces and parentheses, so fields are counted after the last {@code ')'}.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime field 15
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** A {@code kB} value of {@code /proc/<pid>/status}, 0 when absent (kernel threads, zombies). */
    static long statusKb(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String value = line.substring(key.length() + 1).trim();
                int space = value.indexOf(' ');
                return Long.parseLong(space < 0 ? value : value.substring(0, space));
            }
        }
        return 0;
    }
}
