package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/** Warning Events ({@code v1 Event}) about objects the double's controllers could not act on. */
final class ControllerEvents {
    private static final Logger LOG = Logger.getLogger(ControllerEvents.class.getName());

    private ControllerEvents() {
    }

    static void warn(KubernetesClient client, String component, HasMetadata object, String reason, String message) {
        LOG.warning(component + ": " + object.getKind() + " " + Keys.of(object) + ": " + reason + ": " + message);
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(object.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject().withKind(object.getKind()).withApiVersion(object.getApiVersion())
                    .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                    .withUid(object.getMetadata().getUid()).endInvolvedObject()
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withNewSource().withComponent(component).endSource()
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.fine("cannot record event: " + e.getMessage());
        }
    }
}
