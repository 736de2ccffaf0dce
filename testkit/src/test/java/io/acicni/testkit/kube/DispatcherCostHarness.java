package io.acicni.testkit.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.acicni.testkit.kube.IndexedCrudDispatcherTest.get;
import static io.acicni.testkit.kube.IndexedCrudDispatcherTest.patch;
import static io.acicni.testkit.kube.IndexedCrudDispatcherTest.pod;
import static io.acicni.testkit.kube.IndexedCrudDispatcherTest.post;

/**
 * Rough cost of a get + merge patch of one pod, fabric8's dispatcher against ours, on a store of
 * {@code pods} pods (+ 100 nodes), dispatching directly (no HTTP). Not a test: run by hand,
 * {@code java -cp ... io.acicni.testkit.kube.DispatcherCostHarness [pods] [iterations] [fabric8|indexed|both]}.
 * Prints wall and thread CPU time per get+patch pair.
 */
public final class DispatcherCostHarness {
    private DispatcherCostHarness() {
    }

    public static void main(String[] args) {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String which = args.length > 2 ? args[2] : "both";
        IndexedCrudDispatcher indexed = new IndexedCrudDispatcher();
        for (int n = 0; n < 100; n++) {
            check(indexed.dispatch(post("/api/v1/nodes", IndexedCrudDispatcherTest.node("node-" + n))), 201);
        }
        for (int i = 0; i < pods; i++) {
            check(indexed.dispatch(post("/api/v1/namespaces/bench/pods", pod("bench", "pod-" + i, "node-" + (i % 100)))), 201);
        }
        if (!which.equals("indexed")) {
            // the same keys and objects, put straight into fabric8's map (filling it through requests is quadratic)
            KubernetesCrudDispatcher fabric8 = new KubernetesCrudDispatcher();
            List<Map.Entry<AttributeSet, String>> all = new ArrayList<>(indexed.getMap().entrySet());
            all.forEach(e -> fabric8.getMap().put(e.getKey(), e.getValue()));
            run("fabric8", fabric8, pods, iterations);
        }
        if (!which.equals("fabric8")) {
            run("indexed", indexed, pods, iterations);
        }
    }

    private static void run(String name, Dispatcher d, int pods, int iterations) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Random random = new Random(42);
        int warmup = Math.min(1_000, iterations);
        for (int i = 0; i < warmup; i++) {
            pair(d, random.nextInt(pods), i);
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            pair(d, random.nextInt(pods), i);
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        System.out.printf("%-8s pods=%d get+patch pairs=%d wall=%.2f s cpu=%.2f s -> %.1f us wall, %.1f us cpu per pair%n",
                name, pods, iterations, wall / 1e9, cpu / 1e9, wall / 1e3 / iterations, cpu / 1e3 / iterations);
    }

    private static void pair(Dispatcher d, int pod, int i) {
        String path = "/api/v1/namespaces/bench/pods/pod-" + pod;
        check(d.dispatch(get(path)), 200);
        check(d.dispatch(patch(path, "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"i\":\"" + i + "\"}}}")), 202);
    }

    private static void check(MockResponse response, int code) {
        if (response.code() != code) {
            throw new IllegalStateException("expected " + code + ", got " + response.code());
        }
    }
}
