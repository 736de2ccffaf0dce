package io.acicni.epwriter.state;

import io.acicni.epwriter.files.NodeInputs;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What this process knows about its nodes: each node's pods (from its partition of
 * {@code acicni.pod-addressing}), each node's own record, every service, and the sandboxes the CNI
 * plugin registered. Thread-safe; every change tells the listener which node's files may change.
 * Plain Java, no Quarkus types.
 */
public final class AddressingState {
    private final Set<String> nodes;
    private final Map<String, Map<String, PodAddressing>> pods = new HashMap<>();
    private final Map<String, NodeAddressing> nodeRecords = new HashMap<>();
    private final Map<String, ServiceAddressing> services = new HashMap<>();
    private final Map<String, Map<String, Sandbox>> sandboxes = new HashMap<>();
    private final Map<String, List<CompletableFuture<PodAddressing>>> waiters = new HashMap<>();
    private volatile Consumer<String> changed = node -> { };

    public AddressingState(Collection<String> nodes) {
        this.nodes = Set.copyOf(nodes);
        for (String node : nodes) {
            pods.put(node, new LinkedHashMap<>());
            sandboxes.put(node, new LinkedHashMap<>());
        }
    }

    /** Receives the name of each node whose inputs changed. */
    public void onChange(Consumer<String> listener) {
        this.changed = listener;
    }

    public Set<String> nodes() {
        return nodes;
    }

    public boolean serves(String node) {
        return nodes.contains(node);
    }

    public void putPod(PodAddressing pod) {
        List<CompletableFuture<PodAddressing>> done;
        synchronized (this) {
            requireServed(pod.node());
            pods.get(pod.node()).put(pod.uid(), pod);
            done = waiters.remove(waiterKey(pod.node(), pod.uid()));
        }
        if (done != null) {
            done.forEach(f -> f.complete(pod));
        }
        changed.accept(pod.node());
    }

    public void removePod(String node, String uid) {
        synchronized (this) {
            requireServed(node);
            pods.get(node).remove(uid);
        }
        changed.accept(node);
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
        changed.accept(node);
    }

    public void putService(String key, ServiceAddressing service) {
        synchronized (this) {
            if (service == null) {
                services.remove(key);
            } else {
                services.put(key, service);
            }
        }
        nodes.forEach(changed);
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
     * Completes when the pod's addresses are known (at once if they are). The caller bounds the wait
     * and calls {@link #stopWaiting} when it gives up.
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
        synchronized (this) {
            requireServed(node);
            sandboxes.get(node).put(sandbox.containerId(), sandbox);
        }
        changed.accept(node);
    }

    public Optional<Sandbox> removeSandbox(String node, String containerId) {
        Sandbox removed;
        synchronized (this) {
            requireServed(node);
            removed = sandboxes.get(node).remove(containerId);
        }
        if (removed != null) {
            changed.accept(node);
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

    private void requireServed(String node) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException("node '" + node + "' is not served by this process (serving " + nodes + ")");
        }
    }

    private static String waiterKey(String node, String uid) {
        return node + "/" + uid;
    }
}
