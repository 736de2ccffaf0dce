package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.Comparator;
import java.util.List;

/**
 * Plays the scheduler: a pod without {@code spec.nodeName} gets the next Ready, schedulable node in
 * name order, round-robin. A pod that finds no Ready node waits until one appears.
 */
final class PodScheduler implements AutoCloseable {
    private final KubernetesClient client;
    private final WorkQueue queue;
    private final SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private long next;

    /** {@code pods}: the double's one pod informer, shared with the other controllers, not yet started. */
    PodScheduler(KubernetesClient client, SharedIndexInformer<Pod> pods) {
        this.client = client;
        this.pods = pods;
        this.queue = new WorkQueue("scheduler", this::schedule);
    }

    void start() {
        nodes = client.nodes().inform(Handlers.upserts(n -> requeueUnscheduled()));
        pods.addEventHandler(Handlers.upserts(this::offer));
    }

    private void offer(Pod pod) {
        if (unscheduled(pod)) {
            queue.add(Keys.of(pod));
        }
    }

    private void requeueUnscheduled() {
        pods.getStore().list().forEach(this::offer);
    }

    private static boolean unscheduled(Pod pod) {
        return (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty())
                && !PodStates.terminating(pod) && !PodStates.terminal(pod);
    }

    private void schedule(String key) {
        Pod pod = pods.getStore().getByKey(key);
        if (pod == null || !unscheduled(pod)) {
            return;
        }
        List<Node> ready = nodes.getStore().list().stream().filter(PodStates::nodeReady)
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        if (ready.isEmpty()) {
            return; // a node event queues it again
        }
        String node = ready.get((int) (next++ % ready.size())).getMetadata().getName();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> {
                    p.getSpec().setNodeName(node);
                    return p;
                });
    }

    @Override
    public void close() {
        queue.close();
        if (nodes != null) {
            nodes.close();
        }
    }
}
