package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import inet.ipaddr.IPAddressString;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPU of the whole API double (server, watches, controllers, kubelet) per pod lifecycle, over HTTP:
 * create → the kubelet's CNI ADD and status write → an annotation patch → delete, with
 * {@code watchers} (at least 1) extra pod informers on their own client (the services' informers; the
 * first also tells the driver when a round is done). Thread CPU of
 * every live thread, summed by thread-name group, divided by the pods of the measured rounds. Not a
 * test: run by hand,
 * {@code java -cp <testkit test classpath> io.acicni.testkit.kube.PodLifecycleCostHarness [pods per round] [rounds] [watchers]}.
 * The CNI plugin answers at once (no HTTP), so the kubelet's figure is its API traffic only.
 */
public final class PodLifecycleCostHarness {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NODES = 20;

    private PodLifecycleCostHarness() {
    }

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int watchers = Math.max(1, args.length > 2 ? Integer.parseInt(args[2]) : 4);
        AtomicInteger next = new AtomicInteger(1);
        CniPlugin cni = new CniPlugin() {
            @Override
            public List<CniAddress> add(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
                int n = next.getAndIncrement();
                return List.of(CniAddress.parse("v4", "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) + "/8"),
                        new CniAddress(new IPAddressString("2001:db8::" + Integer.toHexString(n)).getAddress(), 64));
            }

            @Override
            public void del(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
            }
        };
        try (KubernetesApiDouble kube = KubernetesApiDouble.builder().cniPlugin(cni).kubeletThreads(4).build().start();
             KubernetesClient driver = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                     Config.empty()).withMasterUrl(kube.url()).build()).build()) {
            for (int n = 0; n < NODES; n++) {
                driver.nodes().resource(KubernetesApiDoubleTest.node("node-" + n, "192.168.0." + (n + 1), "2001:db8:1::" + (n + 1), true)).create();
            }
            List<SharedIndexInformer<Pod>> informers = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                informers.add(driver.pods().inAnyNamespace().inform());
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            java.util.Set<Long> serverLoops = serverEventLoops(kube);
            Map<String, Long> total = new TreeMap<>();
            int measured = 0;
            for (int r = 0; r < rounds; r++) {
                Map<Long, Long> before = cpu(threads);
                round(driver, informers.get(0), r, pods);
                Map<Long, Long> after = cpu(threads);
                if (r < rounds / 2) {
                    continue; // warm-up
                }
                measured += pods;
                for (Map.Entry<Long, Long> e : after.entrySet()) {
                    long spent = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                    java.lang.management.ThreadInfo info = threads.getThreadInfo(e.getKey());
                    String group = info == null ? "(ended)" : serverLoops.contains(e.getKey())
                            ? "API double server event loop" : group(info.getThreadName());
                    total.merge(group, spent, Long::sum);
                }
            }
            long sum = total.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("pods=%d (measured, %d rounds of %d) watchers=%d: %.0f us CPU per pod lifecycle (all threads)%n",
                    measured, rounds - rounds / 2, pods, watchers, sum / 1e3 / measured);
            int finalMeasured = measured;
            total.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("  %-40s %8.0f us/pod%n", e.getKey(), e.getValue() / 1e3 / finalMeasured));
            informers.forEach(SharedIndexInformer::close);
        }
    }

    private static void round(KubernetesClient driver, SharedIndexInformer<Pod> seen, int round, int pods) {
        String ns = "bench";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            String name = "r" + round + "-p" + i;
            names.add(name);
            driver.pods().resource(KubernetesApiDoubleTest.pod(ns, name, name, "node-" + (i % NODES))).create();
        }
        Eventually.check(WAIT, () -> {
            long running = seen.getStore().list().stream()
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count();
            if (running < pods) {
                throw new AssertionError(running + " of " + pods + " running");
            }
        });
        for (String name : names) {
            driver.pods().inNamespace(ns).withName(name).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"bench\":\"x\"}}}");
        }
        for (String name : names) {
            driver.pods().inNamespace(ns).withName(name).delete();
        }
        Eventually.check(WAIT, () -> {
            int left = seen.getStore().list().size();
            if (left > 0) {
                throw new AssertionError(left + " left");
            }
        });
    }

    /** The ids of the mock server's Vert.x event loop threads (the clients' loops have the same names). */
    private static java.util.Set<Long> serverEventLoops(KubernetesApiDouble kube) throws Exception {
        java.lang.reflect.Field web = KubernetesApiDouble.class.getDeclaredField("webServer");
        web.setAccessible(true);
        java.lang.reflect.Field vx = io.fabric8.mockwebserver.MockWebServer.class.getDeclaredField("vertx");
        vx.setAccessible(true);
        io.vertx.core.Vertx vertx = (io.vertx.core.Vertx) vx.get(web.get(kube));
        java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (io.netty.util.concurrent.EventExecutor loop : vertx.nettyEventLoopGroup()) {
            loop.submit(() -> ids.add(Thread.currentThread().getId())).get();
        }
        return ids;
    }

    private static Map<Long, Long> cpu(ThreadMXBean threads) {
        Map<Long, Long> out = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                out.put(id, t);
            }
        }
        return out;
    }

    private static String group(String name) {
        return name.replaceAll("[-_ ]?\\d+", "-N");
    }
}
