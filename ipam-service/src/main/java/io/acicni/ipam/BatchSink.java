package io.acicni.ipam;

import io.acicni.events.model.AuditEvent;
import io.acicni.ipam.engine.ChangeSink;
import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.kubernetes.KubernetesWriteBack;

import java.util.List;

/**
 * ipam's sink for a batch: the Kafka transaction first, synchronously (it throws if the commit
 * fails, and nothing of the batch is then written to Kubernetes), then the Kubernetes writes,
 * queued to the {@link KubernetesWriteBack} so that the allocation loop goes on with the next batch
 * instead of waiting on the API server.
 */
public final class BatchSink implements ChangeSink {
    /** The transactional publication of a batch's records and audit events. */
    public interface Outbox {
        void publish(List<Changes.Publish> records, List<AuditEvent> audits);
    }

    private final Outbox outbox;
    private final KubernetesWriteBack writeBack;

    public BatchSink(Outbox outbox, KubernetesWriteBack writeBack) {
        this.outbox = outbox;
        this.writeBack = writeBack;
    }

    @Override
    public void apply(Changes changes) {
        outbox.publish(changes.publishes(), changes.audits());
        writeBack.submit(changes);
    }
}
