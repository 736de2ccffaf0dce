package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server's cluster IP allocation after the create ({@link ServiceAllocatingDispatcher} does
 * the create itself): keeps {@code spec.clusterIPs}, {@code clusterIP}, {@code ipFamilies} and
 * {@code ipFamilyPolicy} of every Service in line with {@link ServiceIpRules} when a Service is
 * changed (upgrade to dual-stack, downgrade, cluster IPs dropped by a replace), and frees the
 * addresses of deleted Services. A Service it cannot serve gets a Warning Event naming the field.
 */
final class ServiceIpController implements AutoCloseable {
    static final String COMPONENT = "kube-double-service-ip";

    private final KubernetesClient client;
    private final ClusterIpAllocator allocator;
    private final ServiceIpRules rules;
    private final Map<String, List<String>> held = new ConcurrentHashMap<>();
    private final Map<String, String> rejected = new ConcurrentHashMap<>();
    private final WorkQueue queue;
    private SharedIndexInformer<Service> informer;

    ServiceIpController(KubernetesClient client, ClusterIpAllocator allocator) {
        this.client = client;
        this.allocator = allocator;
        this.rules = new ServiceIpRules(allocator);
        this.queue = new WorkQueue("service-ip", this::reconcile);
    }

    void start() {
        // Existing addresses first, so a new Service never gets one that is already taken.
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            List<String> ips = ServiceIpRules.existingIps(service.getSpec() == null ? new ServiceSpec() : service.getSpec());
            if (!ServiceIpRules.leftAlone(service.getSpec())) {
                ips.forEach(allocator::reserve);
                held.put(Keys.of(service), ips);
            }
        }
        informer = client.services().inAnyNamespace().inform(Handlers.anyChange(s -> queue.add(Keys.of(s))));
    }

    SharedIndexInformer<Service> informer() {
        return informer;
    }

    private void reconcile(String key) {
        Service service = informer.getStore().getByKey(key);
        if (service == null || ServiceIpRules.leftAlone(service.getSpec())) {
            List<String> gone = held.remove(key);
            if (gone != null) {
                gone.forEach(allocator::release);
            }
            rejected.remove(key);
            return;
        }
        ServiceSpec spec = service.getSpec();
        List<String> before = held.getOrDefault(key, List.of());
        ServiceSpec asked = spec;
        if (ServiceIpRules.existingIps(spec).isEmpty() && !before.isEmpty()) {
            // a replace without cluster IPs keeps the ones the Service had, as a real API server does
            asked = new ServiceSpecBuilder(spec).withClusterIPs(before).withClusterIP(before.get(0)).build();
        }
        ServiceIpRules.Assignment assignment;
        try {
            assignment = rules.assign(asked);
        } catch (InvalidObjectException | IllegalStateException e) {
            if (!e.getMessage().equals(rejected.put(key, e.getMessage()))) {
                ControllerEvents.warn(client, COMPONENT, service, "ClusterIPNotAllocated", e.getMessage());
            }
            return;
        }
        rejected.remove(key);
        before.stream().filter(ip -> !assignment.clusterIPs().contains(ip)).forEach(allocator::release);
        held.put(key, assignment.clusterIPs());
        if (Objects.equals(spec.getClusterIPs(), assignment.clusterIPs())
                && Objects.equals(spec.getClusterIP(), assignment.clusterIP())
                && Objects.equals(spec.getIpFamilies(), assignment.ipFamilies())
                && Objects.equals(spec.getIpFamilyPolicy(), assignment.ipFamilyPolicy())) {
            return;
        }
        client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                .edit(s -> {
                    s.getSpec().setClusterIPs(assignment.clusterIPs());
                    s.getSpec().setClusterIP(assignment.clusterIP());
                    s.getSpec().setIpFamilies(assignment.ipFamilies());
                    s.getSpec().setIpFamilyPolicy(assignment.ipFamilyPolicy());
                    return s;
                });
    }

    @Override
    public void close() {
        queue.close();
        if (informer != null) {
            informer.close();
        }
    }
}
