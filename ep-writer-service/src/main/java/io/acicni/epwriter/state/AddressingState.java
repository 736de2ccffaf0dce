package io.acicni.epwriter.state;

import io.acicni.epwriter.files.NodeInputs;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.files.ServiceSelection;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What this process knows about its nodes: each node's pods (from its partition of
 * {@code acicni.pod-addressing}), each node's own record, every service, and the sandboxes the CNI
 * plugin registered. Thread-safe; every change tells the listener which node's files may change and
 * for which subjects ({@link PassScope}), outside the lock. Plain Java, no Quarkus types.
 */
public final class AddressingState {
    private final Set<String> nodes;
    private final Map<String, Map<String, PodAddressing>> pods = new HashMap<>();
    private final Map<String, NodeAddressing> nodeRecords = new HashMap<>();
    private final Map<String, ServiceAddressing> services = new HashMap<>();
    /** Service by uid (the name of its files). */
    private final Map<String, ServiceAddressing> servicesByUid = new HashMap<>();
    /** Pod uid → keys of the services whose endpoints name it: the pod's {@code service-ip} list in O(its services). */
    private final Map<String, Set<String>> serviceKeysByPod = new HashMap<>();
    private final Map<String, Map<String, Sandbox>> sandboxes = new HashMap<>();
    /** Node → pod uid → its sandboxes (container id → sandbox), the same sandboxes as {@link #sandboxes}. */
    private final Map<String, Map<String, Map<String, Sandbox>>> sandboxesByPod = new HashMap<>();
    private final Map<String, List<CompletableFuture<PodAddressing>>> waiters = new HashMap<>();
    private volatile BiConsumer<String, PassScope> changed = (node, scope) -> { };

    public AddressingState(Collection<String> nodes) {
        this.nodes = Set.copyOf(nodes);
        for (String node : nodes) {
            pods.put(node, new LinkedHashMap<>());
            sandboxes.put(node, new LinkedHashMap<>());
            sandboxesByPod.put(node, new HashMap<>());
        }
    }

    /** Receives each node whose inputs changed and what changed (called outside the lock). */
    public void onChange(BiConsumer<String, PassScope> listener) {
        this.changed = listener;
    }

    public Set<String> nodes() {
        return nodes;
    }

    public boolean serves(String node) {
        return nodes.contains(node);
    }

    /**
     * Adds or replaces a pod. When a CNI ADD is waiting for it ({@link #awaitPod}) the pod is handed to
     * that caller, which runs the pod's pass itself; otherwise the listener is told.
     */
    public void putPod(PodAddressing pod) {
        List<CompletableFuture<PodAddressing>> done;
        synchronized (this) {
            requireServed(pod.node());
            pods.get(pod.node()).put(pod.uid(), pod);
            done = waiters.remove(waiterKey(pod.node(), pod.uid()));
        }
        boolean handedOver = false;
        if (done != null) {
            for (CompletableFuture<PodAddressing> waiter : done) {
                handedOver |= waiter.complete(pod);
            }
        }
        if (!handedOver) {
            changed.accept(pod.node(), PassScope.pod(pod.uid()));
        }
    }

    public void removePod(String node, String uid) {
        synchronized (this) {
            requireServed(node);
            pods.get(node).remove(uid);
        }
        changed.accept(node, PassScope.pod(uid));
    }

    public void putNode(String node, NodeAddressing record) {
        synchronized (this) {
            requireServed(node);
            if (record == null) {
                nodeRecords.remove(node);
            } else {
                nodeRecords.put(node, record);
            }
        }
        changed.accept(node, PassScope.FULL); // the service endpoint shapes every external service file: rare
    }

    public void putService(String key, ServiceAddressing service) {
        Map<String, PassScope> scopes = new LinkedHashMap<>();
        synchronized (this) {
            ServiceAddressing old = service == null ? services.remove(key) : services.put(key, service);
            Set<String> uids = new HashSet<>();
            if (old != null) {
                uids.add(old.uid());
                if (servicesByUid.get(old.uid()) == old) {
                    servicesByUid.remove(old.uid());
                }
                for (String pod : endpointPods(old)) {
                    Set<String> keys = serviceKeysByPod.get(pod);
                    if (keys != null && keys.remove(key) && keys.isEmpty()) {
                        serviceKeysByPod.remove(pod);
                    }
                }
            }
            if (service != null) {
                uids.add(service.uid());
                servicesByUid.put(service.uid(), service);
                for (String pod : endpointPods(service)) {
                    serviceKeysByPod.computeIfAbsent(pod, k -> new HashSet<>()).add(key);
                }
            }
            Set<String> affected = podsWhoseServiceIpsMayChange(old, service);
            for (String node : nodes) {
                Set<String> podsHere = new HashSet<>();
                Map<String, PodAddressing> nodePods = pods.get(node);
                for (String pod : affected) {
                    if (nodePods.containsKey(pod)) {
                        podsHere.add(pod);
                    }
                }
                scopes.put(node, PassScope.of(podsHere, uids));
            }
        }
        scopes.forEach(changed);
    }

    private static Set<String> endpointPods(ServiceAddressing service) {
        Set<String> out = new HashSet<>();
        for (ServiceAddressing.Endpoint endpoint : service.endpoints()) {
            if (endpoint.podUid() != null) {
                out.add(endpoint.podUid());
            }
        }
        return out;
    }

    /**
     * Pods whose {@code service-ip} list a service change may alter: with the same cluster IPs only the
     * pods that joined or left its endpoints, else every pod it named before or after.
     */
    private static Set<String> podsWhoseServiceIpsMayChange(ServiceAddressing old, ServiceAddressing now) {
        Set<String> before = old == null ? Set.of() : endpointPods(old);
        Set<String> after = now == null ? Set.of() : endpointPods(now);
        Set<String> out = new HashSet<>(before);
        out.addAll(after);
        if (old != null && now != null && old.clusterIPs().equals(now.clusterIPs())) {
            Set<String> both = new HashSet<>(before);
            both.retainAll(after);
            out.removeAll(both);
        }
        return out;
    }

    public synchronized Optional<PodAddressing> pod(String node, String uid) {
        return Optional.ofNullable(pods.get(node)).map(m -> m.get(uid));
    }

    /** A pod of the node by namespace and name (for CNI requests without a pod uid). */
    public synchronized Optional<PodAddressing> podByName(String node, String namespace, String name) {
        return Optional.ofNullable(pods.get(node)).flatMap(m -> m.values().stream()
                .filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst());
    }

    public synchronized List<PodAddressing> pods(String node) {
        return new ArrayList<>(pods.getOrDefault(node, Map.of()).values());
    }

    public synchronized Optional<NodeAddressing> nodeRecord(String node) {
        return Optional.ofNullable(nodeRecords.get(node));
    }

    public synchronized int serviceCount() {
        return services.size();
    }

    /**
     * Completes when the pod's addresses are known (at once if they are). A future completed by
     * {@link #putPod} is a hand-over: the listener is not told, and the caller must run the pod's pass
     * (CNI ADD does). The caller bounds the wait; when it gives up it must first fail the future
     * ({@code completeExceptionally}: if that returns false the pod arrived meanwhile and is the
     * caller's) and then call {@link #stopWaiting}.
     */
    public synchronized CompletableFuture<PodAddressing> awaitPod(String node, String uid) {
        requireServed(node);
        PodAddressing known = pods.get(node).get(uid);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<PodAddressing> future = new CompletableFuture<>();
        waiters.computeIfAbsent(waiterKey(node, uid), k -> new ArrayList<>()).add(future);
        return future;
    }

    public synchronized void stopWaiting(String node, String uid, CompletableFuture<PodAddressing> future) {
        List<CompletableFuture<PodAddressing>> list = waiters.get(waiterKey(node, uid));
        if (list != null) {
            list.remove(future);
            if (list.isEmpty()) {
                waiters.remove(waiterKey(node, uid));
            }
        }
    }

    public void putSandbox(String node, Sandbox sandbox) {
        changed.accept(node, putSandboxUnannounced(node, sandbox));
    }

    public Optional<Sandbox> removeSandbox(String node, String containerId) {
        Optional<Sandbox> removed = removeSandboxUnannounced(node, containerId);
        removed.ifPresent(s -> changed.accept(node, PassScope.pod(s.podUid())));
        return removed;
    }

    /**
     * Registers a sandbox without telling the listener: for a caller that runs the pass itself (CNI
     * ADD), so the scheduler's worker does not compute the same files again.
     *
     * @return what changed: the sandbox's pod, and the pod of a sandbox it replaced
     */
    public PassScope putSandboxUnannounced(String node, Sandbox sandbox) {
        Sandbox replaced;
        synchronized (this) {
            requireServed(node);
            replaced = sandboxes.get(node).put(sandbox.containerId(), sandbox);
            if (replaced != null) {
                unindex(node, replaced);
            }
            sandboxesByPod.get(node).computeIfAbsent(sandbox.podUid(), k -> new LinkedHashMap<>()).put(sandbox.containerId(), sandbox);
        }
        return replaced == null || replaced.podUid().equals(sandbox.podUid()) ? PassScope.pod(sandbox.podUid())
                : PassScope.of(Set.of(sandbox.podUid(), replaced.podUid()), Set.of());
    }

    /** Removes a sandbox without telling the listener: for a caller that runs the pass itself (CNI DEL). */
    public Optional<Sandbox> removeSandboxUnannounced(String node, String containerId) {
        Sandbox removed;
        synchronized (this) {
            requireServed(node);
            removed = sandboxes.get(node).remove(containerId);
            if (removed != null) {
                unindex(node, removed);
            }
        }
        return Optional.ofNullable(removed);
    }

    public synchronized Optional<Sandbox> sandbox(String node, String containerId) {
        return Optional.ofNullable(sandboxes.getOrDefault(node, Map.of()).get(containerId));
    }

    public synchronized int sandboxCount(String node) {
        return sandboxes.getOrDefault(node, Map.of()).size();
    }

    /** A consistent copy of one node's inputs. */
    public synchronized NodeInputs snapshot(String node, boolean synthesizeSandboxes) {
        requireServed(node);
        Map<String, List<Sandbox>> byPod = new HashMap<>();
        for (Sandbox s : sandboxes.get(node).values()) {
            byPod.computeIfAbsent(s.podUid(), k -> new ArrayList<>()).add(s);
        }
        return new NodeInputs(node, nodeRecords.get(node), new ArrayList<>(pods.get(node).values()),
                new ArrayList<>(services.values()), byPod, synthesizeSandboxes);
    }

    /**
     * A consistent copy of the inputs of a pass: the whole node when {@code scope} is full, else only
     * the scope's pods (those still on the node), their sandboxes and {@code service-ip} lists, and the
     * scope's services (those still known) — O(scope), not O(node).
     */
    public synchronized NodeInputs snapshot(String node, boolean synthesizeSandboxes, PassScope scope) {
        if (scope.full()) {
            return snapshot(node, synthesizeSandboxes);
        }
        requireServed(node);
        List<PodAddressing> scopedPods = new ArrayList<>();
        Map<String, List<Sandbox>> byPod = new HashMap<>();
        Map<String, List<String>> serviceIps = new HashMap<>();
        for (String uid : scope.pods()) {
            PodAddressing pod = pods.get(node).get(uid);
            if (pod == null) {
                continue;
            }
            scopedPods.add(pod);
            Map<String, Sandbox> own = sandboxesByPod.get(node).get(uid);
            if (own != null) {
                byPod.put(uid, new ArrayList<>(own.values()));
            }
            List<ServiceAddressing> selecting = new ArrayList<>();
            for (String key : serviceKeysByPod.getOrDefault(uid, Set.of())) {
                selecting.add(services.get(key));
            }
            serviceIps.put(uid, ServiceSelection.serviceIps(selecting));
        }
        List<ServiceAddressing> scopedServices = new ArrayList<>();
        for (String uid : scope.services()) {
            ServiceAddressing service = servicesByUid.get(uid);
            if (service != null) {
                scopedServices.add(service);
            }
        }
        return new NodeInputs(node, nodeRecords.get(node), scopedPods, scopedServices, byPod, synthesizeSandboxes, serviceIps);
    }

    private void unindex(String node, Sandbox sandbox) {
        Map<String, Sandbox> own = sandboxesByPod.get(node).get(sandbox.podUid());
        if (own != null) {
            own.remove(sandbox.containerId());
            if (own.isEmpty()) {
                sandboxesByPod.get(node).remove(sandbox.podUid());
            }
        }
    }

    private void requireServed(String node) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException("node '" + node + "' is not served by this process (serving " + nodes + ")");
        }
    }

    private static String waiterKey(String node, String uid) {
        return node + "/" + uid;
    }
}
