package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Plays every node's kubelet and container runtime: a scheduled pod gets a sandbox (a generated
 * 64-hex container id, {@code eth0}, a netns path), the {@link CniPlugin} is called with it, and the
 * addresses it answers become {@code status.podIPs} (the node's primary family first, one per family),
 * {@code podIP}, {@code hostIP}, {@code phase: Running} and a Ready condition, written with one merge
 * patch of the status subresource that only applies to the same pod (uid). A failed ADD is retried
 * with a growing delay while the pod exists; a deleted pod gets a DEL. Host-network pods get the
 * node's InternalIPs without a CNI call.
 */
final class Kubelet implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Kubelet.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final long FIRST_RETRY_MILLIS = 200;
    static final long MAX_RETRY_MILLIS = 5_000;

    /** A pod's network sandbox on its node. */
    record Sandbox(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
    }

    private final KubernetesClient client;
    private final CniPlugin plugin;
    private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private final SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;

    /** {@code pods}: the double's one pod informer, shared with the other controllers, not yet started. */
    Kubelet(KubernetesClient client, SharedIndexInformer<Pod> pods, CniPlugin plugin, int threads) {
        this.client = client;
        this.pods = pods;
        this.plugin = plugin;
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "kube-double-kubelet");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        nodes = client.nodes().inform();
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                offer(p);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                offer(after);
            }

            @Override
            public void onDelete(Pod p, boolean unknownState) {
                Sandbox sandbox = sandboxes.remove(p.getMetadata().getUid());
                if (sandbox != null) {
                    submit(() -> teardown(sandbox), 0);
                }
            }
        });
    }

    private void offer(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (uid == null || node == null || node.isEmpty() || PodStates.terminating(pod) || PodStates.terminal(pod)
                || !PodStates.podIps(pod).isEmpty() || sandboxes.containsKey(uid)) {
            return;
        }
        Sandbox sandbox = new Sandbox(node, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid,
                containerId(), "eth0", "/var/run/netns/cni-" + UUID.randomUUID());
        if (sandboxes.putIfAbsent(uid, sandbox) == null) {
            submit(() -> setUp(sandbox, FIRST_RETRY_MILLIS), 0);
        }
    }

    private void setUp(Sandbox sandbox, long retryMillis) {
        if (sandboxes.get(sandbox.uid()) != sandbox) {
            return; // deleted meanwhile
        }
        List<String> ips;
        try {
            Pod pod = pods.getStore().getByKey(sandbox.namespace() + "/" + sandbox.name());
            if (pod != null && PodStates.hostNetwork(pod)) {
                ips = PodStates.internalIps(node(sandbox.node()));
            } else {
                ips = ordered(plugin.add(sandbox.node(), sandbox.namespace(), sandbox.name(), sandbox.uid(),
                        sandbox.containerId(), sandbox.ifName(), sandbox.netns()), sandbox.node());
            }
            if (sandboxes.get(sandbox.uid()) != sandbox) {
                teardown(sandbox); // the pod went away while ADD ran: undo it after the DEL already sent
                return;
            }
            if (ips.isEmpty()) {
                throw new CniPluginException(CniPluginException.TRY_AGAIN_LATER, "no addresses", true);
            }
        } catch (RuntimeException e) {
            boolean retryable = !(e instanceof CniPluginException c) || c.retryable();
            LOG.warning("kubelet on " + sandbox.node() + ": CNI ADD for pod " + sandbox.namespace() + "/" + sandbox.name()
                    + " failed: " + e.getMessage() + (retryable ? "; retrying in " + retryMillis + " ms" : "; retrying in " + MAX_RETRY_MILLIS + " ms"));
            long next = retryable ? Math.min(retryMillis * 2, MAX_RETRY_MILLIS) : MAX_RETRY_MILLIS;
            submit(() -> setUp(sandbox, next), retryable ? retryMillis : MAX_RETRY_MILLIS);
            return;
        }
        try {
            writeStatus(sandbox, ips);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) { // gone, or replaced (the uid precondition failed)
                if (sandboxes.remove(sandbox.uid(), sandbox)) {
                    teardown(sandbox);
                }
                return;
            }
            submit(() -> setUp(sandbox, retryMillis), retryMillis);
        }
    }

    /**
     * One request: a JSON merge patch of the {@code status} subresource ({@link PodStatusPatch}),
     * carrying the sandbox's pod uid as a precondition, so a pod replaced meanwhile (same name, new
     * uid) is refused (409) instead of getting this sandbox's addresses.
     */
    private void writeStatus(Sandbox sandbox, List<String> ips) {
        List<String> hostIps = PodStates.internalIps(node(sandbox.node()));
        // startTime is set only if absent: the pod as last seen tells (a sandbox is only made for a pod
        // without addresses, which no status write of this kubelet has reached yet)
        Pod seen = pods.getStore().getByKey(sandbox.namespace() + "/" + sandbox.name());
        boolean started = seen != null && sandbox.uid().equals(seen.getMetadata().getUid()) && seen.getStatus() != null
                && seen.getStatus().getStartTime() != null;
        String now = Instant.now().toString();
        String patch = PodStatusPatch.running(sandbox.uid(), ips, hostIps.isEmpty() ? null : hostIps.get(0),
                started ? null : now, now);
        // with an item, the client patches it without first GETting it by name
        Pod item = new PodBuilder().withNewMetadata().withNamespace(sandbox.namespace()).withName(sandbox.name())
                .withUid(sandbox.uid()).endMetadata().build();
        client.pods().inNamespace(sandbox.namespace()).resource(item).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private void teardown(Sandbox sandbox) {
        try {
            plugin.del(sandbox.node(), sandbox.namespace(), sandbox.name(), sandbox.uid(), sandbox.containerId(),
                    sandbox.ifName(), sandbox.netns());
        } catch (RuntimeException e) {
            LOG.warning("kubelet on " + sandbox.node() + ": CNI DEL for pod " + sandbox.namespace() + "/" + sandbox.name()
                    + " failed: " + e.getMessage());
        }
    }

    /** The node's primary family first (its first InternalIP), at most one address per family. */
    private List<String> ordered(List<CniAddress> addresses, String nodeName) {
        List<String> hostIps = PodStates.internalIps(node(nodeName));
        String primary = hostIps.isEmpty() ? IpFamilies.IPV4 : IpFamilies.ofText(hostIps.get(0));
        List<String> out = new ArrayList<>();
        for (String family : List.of(primary, IpFamilies.other(primary))) {
            addresses.stream().filter(a -> family.equals(a.family())).findFirst().ifPresent(a -> out.add(a.ip()));
        }
        return out;
    }

    private Node node(String name) {
        return nodes == null ? null : nodes.getStore().getByKey(name);
    }

    private void submit(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    private static String containerId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The sandboxes currently set up or being set up, by pod uid. */
    Map<String, Sandbox> sandboxes() {
        return Map.copyOf(sandboxes);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (nodes != null) {
            nodes.close();
        }
    }
}
