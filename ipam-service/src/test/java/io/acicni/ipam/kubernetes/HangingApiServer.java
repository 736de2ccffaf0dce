package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.Changes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kubernetes writes for tests: every node-annotation write hangs until {@link #answer()} (a slow or
 * stuck API server; given up after {@code limit}), then succeeds and is recorded; statuses and Events
 * succeed at once.
 */
public final class HangingApiServer implements KubernetesWriteBack.Writes {
    private final Duration limit;
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger annotationAttempts = new AtomicInteger();
    private final List<String> annotated = new CopyOnWriteArrayList<>();

    public HangingApiServer(Duration limit) {
        this.limit = limit;
    }

    /** From now on, annotation writes (the hanging ones included) succeed. */
    public void answer() {
        answer.countDown();
    }

    /** Annotation writes started so far (hanging or done). */
    public int annotationAttempts() {
        return annotationAttempts.get();
    }

    /** Nodes whose annotation write succeeded, in order. */
    public List<String> annotated() {
        return annotated;
    }

    @Override
    public boolean annotate(Changes.NodeAnnotations annotations) {
        annotationAttempts.incrementAndGet();
        try {
            if (!answer.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        annotated.add(annotations.node());
        return true;
    }

    @Override
    public boolean status(Changes.ServiceStatus status) {
        return true;
    }

    @Override
    public boolean event(Changes.ClusterEvent event) {
        return true;
    }
}
