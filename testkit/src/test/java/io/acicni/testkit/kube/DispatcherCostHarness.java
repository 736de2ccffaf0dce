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
 *
 * <p>{@code ... DispatcherCostHarness lifecycle [pods] [watchers] [edit|merge] [fabric8|indexed]}: the CPU
 * of one pod's life in the API double, {@code watchers} all-namespace pod watches open: create, the
 * kubelet's status write ({@code edit}: a GET and a JSON patch of {@code /status}, what fabric8's
 * {@code editStatus} sends; {@code merge}: one merge patch of {@code /status} with the uid), an
 * annotation merge patch, delete. Reports the dispatching thread's CPU and that of every thread
 * (fabric8's watches send from a thread of their own), per lifecycle, after a warm-up of as many pods.
 */
public final class DispatcherCostHarness {
    private DispatcherCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("lifecycle")) {
            lifecycle(args.length > 1 ? Integer.parseInt(args[1]) : 5_000, args.length > 2 ? Integer.parseInt(args[2]) : 8,
                    args.length > 3 ? args[3] : "merge", args.length > 4 ? args[4] : "indexed");
            System.exit(0); // fabric8's watches keep non-daemon threads
        }
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

    private static void lifecycle(int pods, int watchers, String statusWrite, String which) throws Exception {
        Dispatcher d = which.equals("fabric8") ? new KubernetesCrudDispatcher() : new IndexedCrudDispatcher();
        for (int n = 0; n < 20; n++) {
            check(d.dispatch(post("/api/v1/nodes", IndexedCrudDispatcherTest.node("node-" + n))), 201);
        }
        List<CountingSocket> sockets = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            MockResponse watch = d.dispatch(get("/api/v1/pods?watch=true"));
            CountingSocket socket = new CountingSocket();
            watch.getWebSocketListener().onOpen(socket, watch);
            sockets.add(socket);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        lives(d, 0, pods, statusWrite); // warm-up
        Thread.sleep(500);
        long sent0 = sockets.stream().mapToLong(s -> s.messages.get()).sum();
        long all0 = allThreadsCpu(threads);
        long cpu0 = threads.getCurrentThreadCpuTime();
        lives(d, pods, pods, statusWrite);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long expected = sent0 * 2;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sockets.stream().mapToLong(s -> s.messages.get()).sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long all = allThreadsCpu(threads) - all0;
        long sent = sockets.stream().mapToLong(s -> s.messages.get()).sum() - sent0;
        System.out.printf("%-8s lifecycle status=%s pods=%d watchers=%d: %.1f us CPU per pod on the dispatching thread, "
                        + "%.1f us on all threads; %d watch messages (%.1f per pod)%n",
                which, statusWrite, pods, watchers, cpu / 1e3 / pods, all / 1e3 / pods, sent, (double) sent / pods);
    }

    private static void lives(Dispatcher d, int from, int count, String statusWrite) {
        for (int i = from; i < from + count; i++) {
            String name = "pod-" + i;
            String path = "/api/v1/namespaces/bench/pods/" + name;
            String created = d.dispatch(post("/api/v1/namespaces/bench/pods", pod("bench", name, "node-" + (i % 20)))).getBody().readUtf8();
            String uid = created.replaceAll("(?s).*\"uid\":\"([^\"]+)\".*", "$1");
            String status = "{\"podIPs\":[{\"ip\":\"10.1." + (i >> 8 & 255) + "." + (i & 255) + "\"},{\"ip\":\"2001:db8::" + Integer.toHexString(i)
                    + "\"}],\"podIP\":\"10.1." + (i >> 8 & 255) + "." + (i & 255) + "\",\"hostIP\":\"192.168.0.1\",\"phase\":\"Running\","
                    + "\"startTime\":\"2026-01-01T00:00:00Z\",\"conditions\":["
                    + "{\"type\":\"PodScheduled\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"type\":\"Initialized\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"type\":\"ContainersReady\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}";
            if (statusWrite.equals("edit")) {
                check(d.dispatch(get(path)), 200);
                check(d.dispatch(patch(path + "/status", "application/json-patch+json",
                        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + status + "}]")), 202);
            } else {
                check(d.dispatch(patch(path + "/status", "application/merge-patch+json",
                        "{\"metadata\":{\"uid\":\"" + uid + "\"},\"status\":" + status + "}")), 202);
            }
            check(d.dispatch(patch(path, "application/merge-patch+json", "{\"metadata\":{\"annotations\":{\"bench\":\"x\"}}}")), 202);
            check(d.dispatch(IndexedCrudDispatcherTest.delete(path)), 200);
        }
    }

    private static long allThreadsCpu(ThreadMXBean threads) {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** A watch's socket that counts what it is sent. */
    private static final class CountingSocket implements io.fabric8.mockwebserver.http.WebSocket {
        final java.util.concurrent.atomic.AtomicLong messages = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public io.fabric8.mockwebserver.http.RecordedRequest request() {
            return null;
        }

        @Override
        public boolean send(String text) {
            messages.incrementAndGet();
            return true;
        }

        @Override
        public boolean send(byte[] bytes) {
            messages.incrementAndGet();
            return true;
        }

        @Override
        public boolean close(int code, String reason) {
            return true;
        }
    }

    private static void check(MockResponse response, int code) {
        if (response.code() != code) {
            throw new IllegalStateException("expected " + code + ", got " + response.code());
        }
    }
}
