package io.acicni.ipam.engine;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.serde.InvalidEventException;
import io.acicni.ipam.allocator.Address;
import io.acicni.ipam.allocator.IpFamily;
import io.acicni.ipam.allocator.LbRequest;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a LoadBalancer Service into an allocator request: its families (from {@code clusterIPs}
 * <b>and</b> {@code ipFamilies}/{@code ipFamilyPolicy} — Cisco reads only the cluster IPs, P1) and
 * the addresses it asks for ({@code opflex.cisco.com/lb-ipam-ips}, else {@code spec.loadBalancerIP}).
 */
public final class LoadBalancerRequests {
    public static final String LB_IPS_ANNOTATION = "opflex.cisco.com/lb-ipam-ips";

    /**
     * A request; or why the Service's request is malformed ({@code invalid}); or why it can never be
     * met ({@code unsatisfiable}: RequireDualStack with requested addresses of one family only).
     */
    public record Parsed(LbRequest request, String invalid, String unsatisfiable) {
        public boolean isValid() {
            return invalid == null;
        }
    }

    private LoadBalancerRequests() {
    }

    public static Parsed parse(String serviceKey, Service service, List<IpFamily> configuredFamilies) {
        ServiceSpec spec = service.getSpec();
        String policy = spec.getIpFamilyPolicy() == null ? "SingleStack" : spec.getIpFamilyPolicy();
        List<IpFamily> families = families(spec);
        boolean requireAll = "RequireDualStack".equals(policy);
        if (requireAll) {
            for (IpFamily f : List.of(IpFamily.V4, IpFamily.V6)) {
                if (!families.contains(f)) {
                    families.add(f);
                }
            }
        } else if ("SingleStack".equals(policy) && families.size() > 1) {
            families = new ArrayList<>(families.subList(0, 1));
        } else if ("PreferDualStack".equals(policy)) {
            List<IpFamily> served = new ArrayList<>(families);
            served.retainAll(configuredFamilies);
            if (!served.isEmpty()) {
                families = served;
            }
        }
        List<Address> requested;
        try {
            requested = requested(service);
        } catch (InvalidEventException e) {
            return new Parsed(null, e.getMessage(), null);
        }
        if (!requested.isEmpty()) {
            // requested addresses are exactly what the service gets, as Cisco does: no dynamic extra
            List<IpFamily> requestedFamilies = new ArrayList<>();
            requested.forEach(a -> requestedFamilies.add(a.family()));
            if (requireAll && !requestedFamilies.containsAll(families)) {
                return new Parsed(null, null, "only " + requested + " is requested (static addresses of one family)");
            }
            List<IpFamily> ordered = new ArrayList<>(families);
            ordered.retainAll(requestedFamilies);
            requestedFamilies.stream().filter(f -> !ordered.contains(f)).forEach(ordered::add);
            families = ordered;
        }
        return new Parsed(new LbRequest(serviceKey, families, requested, requireAll), null, null);
    }

    /** The service's families in its order: {@code clusterIPs} first, then {@code ipFamilies}. */
    static List<IpFamily> families(ServiceSpec spec) {
        List<IpFamily> families = new ArrayList<>();
        List<String> clusterIPs = spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty()
                ? (spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP()))
                : spec.getClusterIPs();
        for (String ip : clusterIPs) {
            if (ip == null || ip.isBlank() || "None".equals(ip)) {
                continue;
            }
            try {
                IpFamily f = Address.from(Addresses.parse(ip, "spec.clusterIPs")).family();
                if (!families.contains(f)) {
                    families.add(f); // a v4 address repeated is still v4 (Cisco's 13e39c595)
                }
            } catch (InvalidEventException e) {
                // the API server validates clusterIPs; an unparsable one carries no family
            }
        }
        if (spec.getIpFamilies() != null) {
            for (String name : spec.getIpFamilies()) {
                IpFamily f = "IPv6".equals(name) ? IpFamily.V6 : "IPv4".equals(name) ? IpFamily.V4 : null;
                if (f != null && !families.contains(f)) {
                    families.add(f);
                }
            }
        }
        return families;
    }

    /**
     * The requested addresses: the annotation ({@code "v4,v6"}, at most one per family) wins over
     * {@code spec.loadBalancerIP}. Unlike Cisco, an entry that is not an address is an error naming
     * it, not silently ignored.
     */
    static List<Address> requested(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        String annotation = annotations == null ? null : annotations.get(LB_IPS_ANNOTATION);
        List<Address> out = new ArrayList<>();
        if (annotation != null) {
            for (String entry : annotation.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                IPAddress ip = Addresses.parse(entry.trim(), "metadata.annotations[" + LB_IPS_ANNOTATION + "]");
                add(out, Address.from(ip), "metadata.annotations[" + LB_IPS_ANNOTATION + "]", annotation);
            }
            return out;
        }
        String single = service.getSpec().getLoadBalancerIP();
        if (single != null && !single.isBlank()) {
            out.add(Address.from(Addresses.parse(single.trim(), "spec.loadBalancerIP")));
        }
        return out;
    }

    private static void add(List<Address> out, Address address, String field, String value) {
        for (Address a : out) {
            if (a.family() == address.family()) {
                throw new InvalidEventException(field, "requests two " + (address.family() == IpFamily.V4 ? "IPv4" : "IPv6")
                        + " addresses in '" + value + "'; at most one per family");
            }
        }
        out.add(address);
    }
}
