package io.acicni.epwriter.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: wall and CPU time of 1,000 {@code .ep}-sized file writes under each fsync policy, on the
 * disk of {@code java.io.tmpdir}. Run with {@code -Dacicni.bench=true -Dtest=FsyncCostHarness}; prints figures.
 */
@EnabledIfSystemProperty(named = "acicni.bench", matches = "true")
class FsyncCostHarness {
    static final int FILES = Integer.getInteger("acicni.bench.files", 1_000);

    @TempDir
    Path tmp;

    @Test
    void writesPerPolicy() throws IOException {
        byte[] content = new byte[900];
        Arrays.fill(content, (byte) 'x');
        run("warm-up (none)", FsyncPolicy.NONE, 1, content, tmp.resolve("w"));
        run("per-file, 1 file per pass", FsyncPolicy.PER_FILE, 1, content, tmp.resolve("a"));
        run("per-pass, 1 file per pass", FsyncPolicy.PER_PASS, 1, content, tmp.resolve("b"));
        run("per-pass, 100 files per pass", FsyncPolicy.PER_PASS, 100, content, tmp.resolve("c"));
        run("none, 1 file per pass", FsyncPolicy.NONE, 1, content, tmp.resolve("d"));
    }

    void run(String label, FsyncPolicy policy, int perPass, byte[] content, Path dir) throws IOException {
        Files.createDirectories(dir);
        DirectoryReconciler reconciler = DirectoryReconciler.of(policy);
        WrittenFiles written = new WrittenFiles();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Long> passWall = new ArrayList<>();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int i = 0; i < FILES; i += perPass) {
            Map<String, byte[]> desired = new LinkedHashMap<>();
            for (int j = i; j < Math.min(FILES, i + perPass); j++) {
                byte[] c = content.clone();
                byte[] tag = Integer.toString(j).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(tag, 0, c, 0, tag.length);
                desired.put("pod" + j + "_c0ffee_veth" + j + ".ep", c);
            }
            long p0 = System.nanoTime();
            DirectoryReconciler.Pass pass = reconciler.update(FileKind.ENDPOINT, dir, desired, List.of(), written, (n, e) -> { });
            passWall.add(System.nanoTime() - p0);
            if (!pass.errors().isEmpty()) {
                throw new IOException(pass.errors().toString());
            }
        }
        long wall = System.nanoTime() - w0;
        long cpu = mx.getCurrentThreadCpuTime() - c0;
        passWall.sort(null);
        System.out.printf("FSYNC-COST %-30s files=%d wall/file=%.3f ms cpu/file=%.1f us pass p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                label, FILES, wall / 1e6 / FILES, cpu / 1e3 / FILES, passWall.get(passWall.size() / 2) / 1e6,
                passWall.get((int) (passWall.size() * 0.99)) / 1e6, passWall.get(passWall.size() - 1) / 1e6);
    }
}
