package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FsyncPolicy;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.PodAddressing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;

/**
 * Not a test: CPU per sync pass after a single-pod change, node of 100 pods and 20 services (fsync none,
 * so only CPU is measured), incremental passes and, for comparison under the same load, full passes. Run with {@code -Dacicni.bench=true -Dtest=PassCostHarness}; prints figures.
 */
@EnabledIfSystemProperty(named = "acicni.bench", matches = "true")
class PassCostHarness {
    @TempDir
    Path tmp;

    @Test
    void cpuPerSinglePodPass() {
        int pods = Integer.getInteger("acicni.bench.pods", 100);
        measure(pods, Integer.getInteger("acicni.bench.changes", 10_000), false, tmp.resolve("incremental"));
        measure(pods, -Integer.getInteger("acicni.bench.changes", 10_000), false, tmp.resolve("unchanged"));
        measure(pods, Integer.getInteger("acicni.bench.full-changes", 2_000), true, tmp.resolve("full"));
    }

    /** {@code changes} < 0: the pod is re-published unchanged (the pass computes and compares, writes nothing). */
    void measure(int pods, int changes, boolean fullPasses, Path tmp) {
        boolean same = changes < 0;
        changes = Math.abs(changes);
        AddressingState state = new AddressingState(List.of("n1"));
        List<PodAddressing> all = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            PodAddressing p = pod("u" + i, "n1", "p" + i, v4("10.2." + (i / 250) + "." + (i % 250 + 1)), v6("2001:fb8:42::" + Integer.toHexString(i + 1)));
            all.add(p);
            state.putPod(p);
        }
        for (int s = 0; s < 20; s++) {
            state.putService("default/s" + s, service("s" + s, "s" + s, "ClusterIP", ips("10.96.0." + (s + 1)), List.of(),
                    List.of(endpoint("10.2.0." + (s + 1), "n1", "u" + s))));
        }
        NodeDirs dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
        NodeFileSync sync = new NodeFileSync(dirs, state, SETTINGS, true, DirectoryReconciler.of(FsyncPolicy.NONE), SyncListener.NONE, Clock.systemUTC());
        sync.sync();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warmup = Math.min(2_000, changes);
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < warmup + changes; i++) {
            PodAddressing p = all.get(i % pods);
            PodAddressing changed = new PodAddressing(p.uid(), p.namespace(), p.name(), p.node(), p.addresses(), null, null, null,
                    Map.of("app", "web", "rev", same ? "0" : Integer.toString(i)));
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            state.putPod(changed);
            if (fullPasses) {
                sync.sync(); // what every pass was before incremental passes
            } else {
                sync.sync(io.acicni.epwriter.state.PassScope.pod(changed.uid()));
            }
            if (i >= warmup) {
                cpu += mx.getCurrentThreadCpuTime() - c0;
                wall += System.nanoTime() - w0;
            }
        }
        System.out.printf("PASS-COST %s pods=%d services=20 changes=%d cpu/pass=%.1f us wall/pass=%.1f us%n",
                fullPasses ? "full" : same ? "incremental-unchanged" : "incremental", pods, changes, cpu / 1e3 / changes, wall / 1e3 / changes);
    }
}
