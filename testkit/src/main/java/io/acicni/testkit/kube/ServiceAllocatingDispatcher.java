package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The (indexed) CRUD dispatcher with the API server's Service admission: a Service create gets its cluster IPs
 * inside the create, as on a real API server, or is refused with 422 and a message naming the field
 * (an unknown family, RequireDualStack on a single-stack cluster, an address already taken).
 */
final class ServiceAllocatingDispatcher extends IndexedCrudDispatcher {
    private static final Pattern SERVICES = Pattern.compile("^/api/v1/namespaces/[^/]+/services/?(\\?.*)?$");

    private final ClusterIpAllocator allocator;
    private final ServiceIpRules rules;

    ServiceAllocatingDispatcher(ClusterIpAllocator allocator) {
        this.allocator = allocator;
        this.rules = new ServiceIpRules(allocator);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (!SERVICES.matcher(request.getPath()).matches()) {
            return super.handleCreate(request);
        }
        String body = request.getUtf8Body();
        Service service;
        try {
            service = Serialization.unmarshal(body, Service.class);
        } catch (RuntimeException notAService) {
            return super.handleCreate(copy(request, body));
        }
        if (service == null || service.getSpec() == null || ServiceIpRules.leftAlone(service.getSpec())) {
            return super.handleCreate(copy(request, body));
        }
        String name = service.getMetadata() == null ? "" : service.getMetadata().getName();
        List<String> requested = ServiceIpRules.existingIps(service.getSpec());
        for (int i = 0; i < requested.size(); i++) {
            if (allocator.inUse(requested.get(i))) {
                return invalid(name, "spec.clusterIPs[" + i + "]: " + requested.get(i) + " is already allocated");
            }
        }
        ServiceIpRules.Assignment assignment;
        try {
            assignment = rules.assign(service.getSpec());
        } catch (InvalidObjectException e) {
            return invalid(name, e.getMessage());
        } catch (IllegalStateException full) {
            return invalid(name, "spec.clusterIPs: " + full.getMessage());
        }
        service.getSpec().setClusterIPs(assignment.clusterIPs());
        service.getSpec().setClusterIP(assignment.clusterIP());
        service.getSpec().setIpFamilies(assignment.ipFamilies());
        service.getSpec().setIpFamilyPolicy(assignment.ipFamilyPolicy());
        MockResponse response = super.handleCreate(copy(request, Serialization.asJson(service)));
        if (response.code() != 201) {
            assignment.clusterIPs().forEach(allocator::release);
        }
        return response;
    }

    private static RecordedRequest copy(RecordedRequest request, String body) {
        return new RecordedRequest(request.getRequestLine(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer().writeUtf8(body));
    }

    private static MockResponse invalid(String name, String message) {
        return new MockResponse().setResponseCode(422).setBody(Serialization.asJson(new StatusBuilder()
                .withStatus("Failure").withReason("Invalid").withCode(422)
                .withMessage("Service \"" + name + "\" is invalid: " + message).build()));
    }
}
