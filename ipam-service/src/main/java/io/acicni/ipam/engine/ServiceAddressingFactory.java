package io.acicni.ipam.engine;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.IpFamily;
import io.acicni.events.model.ServiceAddressing;
import io.acicni.events.serde.InvalidEventException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the {@code acicni.service-addressing} record of a Service: cluster IPs and families in
 * the Service's order, the LoadBalancer IPs ipam holds, ports, and the ready endpoints of its
 * EndpointSlices per family with their node — so that consumers never watch the API server.
 */
final class ServiceAddressingFactory {
    private static final Comparator<ServiceAddressing.Endpoint> ENDPOINT_ORDER = Comparator
            .comparing((ServiceAddressing.Endpoint e) -> e.address().isIPv6())
            .thenComparing(ServiceAddressing.Endpoint::address);

    private ServiceAddressingFactory() {
    }

    static ServiceAddressing build(Service service, List<EndpointSlice> slices, List<IPAddress> loadBalancerIPs) {
        var spec = service.getSpec();
        var meta = service.getMetadata();
        List<IpFamily> families = new ArrayList<>();
        if (spec.getIpFamilies() != null) {
            for (String f : spec.getIpFamilies()) {
                if ("IPv4".equals(f) || "IPv6".equals(f)) {
                    families.add(IpFamily.valueOf(f));
                }
            }
        }
        List<IPAddress> clusterIPs = new ArrayList<>();
        if (spec.getClusterIPs() != null) {
            for (String ip : spec.getClusterIPs()) {
                parse(ip).ifPresent(clusterIPs::add);
            }
        }
        List<ServiceAddressing.Port> ports = new ArrayList<>();
        if (spec.getPorts() != null) {
            for (ServicePort p : spec.getPorts()) {
                String target = p.getTargetPort() == null ? null
                        : p.getTargetPort().getStrVal() != null ? p.getTargetPort().getStrVal()
                        : p.getTargetPort().getIntVal() == null ? null : p.getTargetPort().getIntVal().toString();
                ports.add(new ServiceAddressing.Port(p.getName(), p.getProtocol() == null ? "TCP" : p.getProtocol(),
                        p.getPort(), target, p.getNodePort()));
            }
        }
        List<ServiceAddressing.Endpoint> endpoints = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            List<ServiceAddressing.EndpointPort> slicePorts = new ArrayList<>();
            if (slice.getPorts() != null) {
                for (EndpointPort p : slice.getPorts()) {
                    if (p.getPort() != null) {
                        slicePorts.add(new ServiceAddressing.EndpointPort(p.getName(),
                                p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getPort()));
                    }
                }
            }
            for (Endpoint e : slice.getEndpoints()) {
                // ready unset means "unknown, treat as ready" (Kubernetes API; Cisco's P13 panics on nil)
                var c = e.getConditions();
                boolean ready = c == null || c.getReady() == null || c.getReady();
                boolean draining = c != null && Boolean.TRUE.equals(c.getTerminating()) && (c.getServing() == null || c.getServing());
                if (!ready && !draining || e.getAddresses() == null) {
                    continue;
                }
                String podUid = e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind()) ? e.getTargetRef().getUid() : null;
                for (String address : e.getAddresses()) {
                    // every address is classified by itself, not by the slice's first one (Cisco's P12)
                    parse(address).ifPresent(ip -> endpoints.add(new ServiceAddressing.Endpoint(ip, e.getNodeName(), podUid, slicePorts,
                            !ready)));
                }
            }
        }
        endpoints.sort(ENDPOINT_ORDER);
        return new ServiceAddressing(meta.getUid(), meta.getNamespace(), meta.getName(), spec.getType() == null ? "ClusterIP" : spec.getType(),
                spec.getIpFamilyPolicy(), families, clusterIPs, loadBalancerIPs, ports, dedupe(endpoints),
                spec.getSessionAffinity(),
                spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
                        ? spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() : null)
                .withLabels(meta.getLabels());
    }

    private static List<ServiceAddressing.Endpoint> dedupe(List<ServiceAddressing.Endpoint> sorted) {
        List<ServiceAddressing.Endpoint> out = new ArrayList<>(sorted.size());
        for (ServiceAddressing.Endpoint e : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).address().equals(e.address())) {
                out.add(e);
            }
        }
        return out;
    }

    private static java.util.Optional<IPAddress> parse(String ip) {
        if (ip == null || ip.isBlank() || "None".equals(ip)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Addresses.parse(ip, "address"));
        } catch (InvalidEventException e) {
            return java.util.Optional.empty();
        }
    }
}
