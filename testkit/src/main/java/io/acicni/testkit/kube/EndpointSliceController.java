package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Plays the EndpointSlice controller: for every Service with a selector, one slice per family of the
 * Service ({@code <service>-ipv4}, {@code <service>-ipv6}, label {@code kubernetes.io/service-name},
 * {@code addressType} IPv4/IPv6) listing the selected pods that have an address of that family,
 * {@code conditions.ready} from the pod, ports from the Service's target ports. Slices follow pod and
 * Service changes and go with their Service.
 */
final class EndpointSliceController implements AutoCloseable {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private final KubernetesClient client;
    private final ServiceCidrs cidrs;
    private final WorkQueue queue;
    private SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<EndpointSlice> slices;

    /** {@code pods}: the double's one pod informer, shared with the other controllers, not yet started. */
    EndpointSliceController(KubernetesClient client, ServiceCidrs cidrs, SharedIndexInformer<Pod> pods) {
        this.client = client;
        this.cidrs = cidrs;
        this.pods = pods;
        this.queue = new WorkQueue("endpointslices", this::reconcile);
    }

    void start() {
        slices = client.discovery().v1().endpointSlices().inAnyNamespace().withLabel(MANAGED_BY_LABEL, MANAGED_BY).inform();
        services = client.services().inAnyNamespace().inform(Handlers.anyChange(s -> queue.add(Keys.of(s))));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                touch(p, null);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                touch(after, before);
            }

            @Override
            public void onDelete(Pod p, boolean unknownState) {
                touch(p, null);
            }
        });
    }

    /** Queues the Services that select the pod now or selected it before. */
    private void touch(Pod pod, Pod before) {
        String namespace = pod.getMetadata().getNamespace();
        for (Service service : services.getStore().list()) {
            if (!Objects.equals(namespace, service.getMetadata().getNamespace()) || service.getSpec() == null) {
                continue;
            }
            Map<String, String> selector = service.getSpec().getSelector();
            if (PodStates.matches(selector, pod.getMetadata().getLabels())
                    || (before != null && PodStates.matches(selector, before.getMetadata().getLabels()))) {
                queue.add(Keys.of(service));
            }
        }
    }

    private void reconcile(String key) {
        String namespace = Keys.namespace(key);
        String name = Keys.name(key);
        Service service = services.getStore().getByKey(key);
        List<EndpointSlice> existing = slices.getStore().list().stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
                .filter(s -> name.equals(s.getMetadata().getLabels().get(SERVICE_NAME_LABEL)))
                .toList();
        List<EndpointSlice> desired = service == null ? List.of() : desired(service);
        for (EndpointSlice old : existing) {
            if (desired.stream().noneMatch(d -> d.getMetadata().getName().equals(old.getMetadata().getName()))) {
                client.discovery().v1().endpointSlices().inNamespace(namespace).withName(old.getMetadata().getName()).delete();
            }
        }
        for (EndpointSlice slice : desired) {
            EndpointSlice old = existing.stream().filter(e -> e.getMetadata().getName().equals(slice.getMetadata().getName()))
                    .findFirst().orElse(null);
            if (old == null) {
                client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).create();
            } else if (!Objects.equals(old.getEndpoints(), slice.getEndpoints()) || !Objects.equals(old.getPorts(), slice.getPorts())
                    || !Objects.equals(old.getMetadata().getLabels(), slice.getMetadata().getLabels())) {
                slice.getMetadata().setResourceVersion(old.getMetadata().getResourceVersion());
                client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).update();
            }
        }
    }

    /** The slices a Service should have now (none without a selector or before its families are known). */
    List<EndpointSlice> desired(Service service) {
        if (service.getSpec() == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()
                || "ExternalName".equals(service.getSpec().getType())) {
            return List.of();
        }
        List<String> families = service.getSpec().getIpFamilies();
        if (families == null || families.isEmpty()) {
            if (!ServiceIpRules.leftAlone(service.getSpec())) {
                return List.of(); // cluster IPs not assigned yet; the update that assigns them brings us back
            }
            families = cidrs.families();
        }
        List<Pod> selected = pods.getStore().list().stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), service.getMetadata().getNamespace()))
                .filter(p -> PodStates.matches(service.getSpec().getSelector(), p.getMetadata().getLabels()))
                .filter(p -> !PodStates.terminal(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
        List<EndpointSlice> out = new ArrayList<>();
        for (String family : families) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Pod pod : selected) {
                PodStates.podIps(pod).stream().filter(ip -> family.equals(IpFamilies.ofText(ip))).findFirst()
                        .ifPresent(ip -> endpoints.add(endpoint(pod, ip)));
            }
            out.add(new EndpointSliceBuilder()
                    .withNewMetadata()
                    .withName(service.getMetadata().getName() + "-" + family.toLowerCase(Locale.ROOT))
                    .withNamespace(service.getMetadata().getNamespace())
                    .addToLabels(SERVICE_NAME_LABEL, service.getMetadata().getName())
                    .addToLabels(MANAGED_BY_LABEL, MANAGED_BY)
                    .addNewOwnerReference().withApiVersion("v1").withKind("Service").withName(service.getMetadata().getName())
                    .withUid(service.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                    .endMetadata()
                    .withAddressType(family)
                    .withEndpoints(endpoints)
                    .withPorts(ports(service, selected))
                    .build());
        }
        return out;
    }

    private static Endpoint endpoint(Pod pod, String ip) {
        boolean ready = PodStates.ready(pod);
        return new EndpointBuilder()
                .withAddresses(ip)
                .withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                .withNewConditions().withReady(ready).withServing(ready).withTerminating(PodStates.terminating(pod)).endConditions()
                .build();
    }

    private static List<EndpointPort> ports(Service service, List<Pod> pods) {
        List<EndpointPort> out = new ArrayList<>();
        if (service.getSpec().getPorts() == null) {
            return out;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            Integer number = targetPort(port, pods);
            if (number == null) {
                continue;
            }
            out.add(new EndpointPortBuilder().withName(port.getName() == null ? "" : port.getName())
                    .withProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol())
                    .withPort(number).withAppProtocol(port.getAppProtocol()).build());
        }
        return out;
    }

    /** The number a target port stands for: itself, the port when absent, a named container port of the pods. */
    private static Integer targetPort(ServicePort port, List<Pod> pods) {
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()))) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        for (Pod pod : pods) {
            if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
                continue;
            }
            for (var container : pod.getSpec().getContainers()) {
                if (container.getPorts() == null) {
                    continue;
                }
                for (var cp : container.getPorts()) {
                    if (target.getStrVal().equals(cp.getName())) {
                        return cp.getContainerPort();
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        queue.close();
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[]{services, slices}) {
            if (informer != null) {
                informer.close();
            }
        }
    }
}
