package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.engine.LbCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes back what ipam owns, and nothing else: its two node annotations, a LoadBalancer Service's
 * {@code status.loadBalancer.ingress} and its own {@code LbIpamAllocation} condition (other
 * conditions are kept — Cisco's P2 erases them), and Kubernetes Events. Node annotations are one JSON
 * merge patch; a Service's status is a patch computed against the current object, retried on
 * conflict. Each write is one attempt (a 409 is tried again at once, a 404 counts as done: the
 * object's delete brings the engine up to date); {@link KubernetesWriteBack} calls it off the
 * allocation loop and retries what failed.
 */
public final class KubernetesWriter implements KubernetesWriteBack.Writes {
    private static final Logger LOG = Logger.getLogger(KubernetesWriter.class);
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String component;
    private final Clock clock;
    private final Function<String, Optional<String>> nodeUids;

    /**
     * @param nodeUids the uid of a node as the informer last saw it (empty: no such node): how a refused
     *                 annotation patch tells a re-created node from any other refusal, without a read
     */
    public KubernetesWriter(KubernetesClient client, String component, Clock clock, Function<String, Optional<String>> nodeUids) {
        this.client = client;
        this.component = component;
        this.clock = clock;
        this.nodeUids = nodeUids;
    }

    /** Writes a node's annotations (ipam's two keys only); false if it failed and should be tried again. */
    @Override
    public boolean annotate(Changes.NodeAnnotations a) {
        return attempt("annotate node " + a.node(), () -> patchAnnotations(a));
    }

    /** Writes a Service's load-balancer status; false if it failed and should be tried again. */
    @Override
    public boolean status(Changes.ServiceStatus s) {
        return attempt("update status of service " + s.namespace() + "/" + s.name(), () -> writeStatus(s));
    }

    /** Records a Kubernetes Event; false if it failed. */
    @Override
    public boolean event(Changes.ClusterEvent e) {
        return attempt("record event " + e.reason() + " on " + e.kind() + " " + e.name(), () -> createEvent(e));
    }

    /** The object of a write was deleted and re-created under the same name: the write is moot. */
    private static final class ObjectReplaced extends RuntimeException {
        ObjectReplaced(String message) {
            super(message, null, false, false);
        }
    }

    private boolean attempt(String what, Runnable write) {
        for (int i = 1; i <= ATTEMPTS; i++) {
            try {
                write.run();
                return true;
            } catch (ObjectReplaced e) {
                LOG.debugf("Not going to %s: %s; the new object gets a write of its own", what, e.getMessage());
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return true; // the object is gone; its delete event brings the engine up to date
                }
                if (e.getCode() != 409 || i == ATTEMPTS) {
                    LOG.warnf("Could not %s (HTTP %d): %s; will retry", what, e.getCode(), e.getMessage());
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * One JSON merge patch of {@code metadata.annotations} with ipam's keys: it touches no other
     * annotation or field and needs no read first (an {@code edit} is a GET and a PATCH). With the
     * node's uid in it, the API server refuses it for another node object of the same name: a
     * Kubernetes API server answers 422 ({@code metadata.uid}: field is immutable), the API double 409
     * ("Precondition failed: UID in precondition"). Either refusal is moot only if the informer no
     * longer knows the node under that uid; otherwise (an admission webhook, say) it is a failure, logged,
     * counted and tried again.
     */
    private void patchAnnotations(Changes.NodeAnnotations a) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (a.uid() != null) {
            metadata.put("uid", a.uid());
        }
        metadata.put("annotations", a.annotations());
        String body = client.getKubernetesSerialization().asJson(Map.of("metadata", metadata));
        try {
            // through resource(): withName(..).patch(..) would GET the node first, only to find its name
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(a.node()).endMetadata().build())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), body);
        } catch (KubernetesClientException e) {
            if ((e.getCode() == 409 || e.getCode() == 422) && a.uid() != null
                    && !nodeUids.apply(a.node()).map(a.uid()::equals).orElse(false)) {
                throw new ObjectReplaced("node " + a.node() + " is no longer the object with uid " + a.uid());
            }
            throw e;
        }
    }

    private void writeStatus(Changes.ServiceStatus s) {
        client.services().inNamespace(s.namespace()).withName(s.name()).editStatus(service -> {
            if (s.uid() != null && !s.uid().equals(service.getMetadata().getUid())) {
                throw new ObjectReplaced("service " + s.namespace() + "/" + s.name() + " is no longer the object with uid " + s.uid());
            }
            return withStatus(service, s);
        });
    }

    private Service withStatus(Service service, Changes.ServiceStatus s) {
        ServiceStatus status = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
        LoadBalancerStatus lb = new LoadBalancerStatus();
        List<io.fabric8.kubernetes.api.model.LoadBalancerIngress> ingress = new ArrayList<>();
        for (String ip : s.ingressIps()) {
            ingress.add(new LoadBalancerIngressBuilder().withIp(ip).build());
        }
        lb.setIngress(ingress);
        status.setLoadBalancer(lb);
        List<Condition> conditions = new ArrayList<>();
        Condition previous = null;
        if (status.getConditions() != null) {
            for (Condition c : status.getConditions()) {
                if (LbCondition.TYPE.equals(c.getType())) {
                    previous = c;
                } else {
                    conditions.add(c);
                }
            }
        }
        LbCondition wanted = s.condition();
        if (wanted != null) {
            boolean transitioned = previous == null || !Objects.equals(previous.getStatus(), wanted.status());
            conditions.add(new ConditionBuilder()
                    .withType(LbCondition.TYPE)
                    .withStatus(wanted.status())
                    .withReason(wanted.reason())
                    .withMessage(wanted.message())
                    .withObservedGeneration(service.getMetadata().getGeneration())
                    .withLastTransitionTime(transitioned ? now() : previous.getLastTransitionTime())
                    .build());
        }
        status.setConditions(conditions);
        service.setStatus(status);
        return service;
    }

    private void createEvent(Changes.ClusterEvent e) {
        String namespace = e.namespace() == null ? "default" : e.namespace();
        String now = now();
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata()
                .withName((e.name() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase())
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withKind(e.kind()).withApiVersion("v1").withName(e.name()).withNamespace(e.namespace()).withUid(e.uid())
                        .build())
                .withType(e.type())
                .withReason(e.reason())
                .withMessage(e.message())
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build()).create();
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
