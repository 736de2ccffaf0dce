package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The API server's cluster IP rules for one Service (dual-stack reference, part A.0): which families
 * a Service gets for its {@code ipFamilyPolicy} and {@code ipFamilies}, keeping the addresses it
 * already has, allocating the missing ones, dropping the secondary on a downgrade to SingleStack.
 * Headless ({@code clusterIP: None}) and ExternalName Services are left alone.
 */
public final class ServiceIpRules {
    public static final String SINGLE_STACK = "SingleStack";
    public static final String PREFER_DUAL_STACK = "PreferDualStack";
    public static final String REQUIRE_DUAL_STACK = "RequireDualStack";

    /** What a Service's spec should hold: policy, families and cluster IPs in the same order. */
    public record Assignment(String ipFamilyPolicy, List<String> ipFamilies, List<String> clusterIPs) {
        public String clusterIP() {
            return clusterIPs.get(0);
        }
    }

    private final ClusterIpAllocator allocator;

    public ServiceIpRules(ClusterIpAllocator allocator) {
        this.allocator = allocator;
    }

    /** True when the Service gets no cluster IPs at all (headless, ExternalName). */
    public static boolean leftAlone(ServiceSpec spec) {
        return spec == null || "ExternalName".equals(spec.getType()) || "None".equals(spec.getClusterIP())
                || (spec.getClusterIPs() != null && spec.getClusterIPs().contains("None"));
    }

    /** The families the spec asks for, in order, checked against the cluster. */
    public List<String> families(ServiceSpec spec) {
        ServiceCidrs cidrs = allocator.cidrs();
        String policy = spec.getIpFamilyPolicy() == null ? SINGLE_STACK : spec.getIpFamilyPolicy();
        if (!List.of(SINGLE_STACK, PREFER_DUAL_STACK, REQUIRE_DUAL_STACK).contains(policy)) {
            throw new InvalidObjectException("spec.ipFamilyPolicy", "'" + policy + "' is not SingleStack, PreferDualStack or RequireDualStack");
        }
        List<String> asked = spec.getIpFamilies() == null ? List.of() : spec.getIpFamilies();
        for (int i = 0; i < asked.size(); i++) {
            if (!IpFamilies.valid(asked.get(i))) {
                throw new InvalidObjectException("spec.ipFamilies[" + i + "]", "'" + asked.get(i) + "' is not IPv4 or IPv6");
            }
            if (cidrs.range(asked.get(i)) == null && !(i == 1 && PREFER_DUAL_STACK.equals(policy))) {
                throw new InvalidObjectException("spec.ipFamilies[" + i + "]", asked.get(i) + " is not configured on this cluster (service CIDRs " + cidrs + ")");
            }
        }
        if (asked.size() > 2 || (asked.size() == 2 && asked.get(0).equals(asked.get(1)))) {
            throw new InvalidObjectException("spec.ipFamilies", "at most one entry per family, got " + asked);
        }
        List<String> existing = existingIps(spec);
        String first = !asked.isEmpty() ? asked.get(0)
                : !existing.isEmpty() ? IpFamilies.ofText(existing.get(0)) : cidrs.primaryFamily();
        if (cidrs.range(first) == null) {
            throw new InvalidObjectException("spec.clusterIPs[0]", first + " is not configured on this cluster (service CIDRs " + cidrs + ")");
        }
        if (SINGLE_STACK.equals(policy)) {
            if (asked.size() == 2 && existing.size() < 2) {
                throw new InvalidObjectException("spec.ipFamilies", "SingleStack takes one family, got " + asked);
            }
            return List.of(first);
        }
        String second = IpFamilies.other(first);
        if (cidrs.range(second) == null) {
            if (REQUIRE_DUAL_STACK.equals(policy)) {
                throw new InvalidObjectException("spec.ipFamilyPolicy", "RequireDualStack needs both families; this cluster has only "
                        + cidrs.primaryFamily() + " (service CIDRs " + cidrs + ")");
            }
            return List.of(first);
        }
        return List.of(first, second);
    }

    /**
     * The assignment for a Service, allocating what is missing (marked used in the allocator); the
     * addresses it held and no longer needs are released.
     */
    public Assignment assign(ServiceSpec spec) {
        List<String> families = families(spec);
        List<String> existing = existingIps(spec);
        for (int i = 0; i < existing.size(); i++) {
            if (IpFamilies.ofText(existing.get(i)) == null) {
                throw new InvalidObjectException("spec.clusterIPs[" + i + "]", "'" + existing.get(i) + "' is not an IP address");
            }
            if (!allocator.inRange(existing.get(i))) {
                throw new InvalidObjectException("spec.clusterIPs[" + i + "]", existing.get(i) + " is outside the service CIDRs " + allocator.cidrs());
            }
        }
        List<String> ips = new ArrayList<>();
        List<String> allocated = new ArrayList<>();
        try {
            for (String family : families) {
                String kept = existing.stream().filter(ip -> family.equals(IpFamilies.ofText(ip))).findFirst().orElse(null);
                if (kept != null) {
                    allocator.reserve(kept);
                    ips.add(canonical(kept));
                } else {
                    String fresh = allocator.allocate(family);
                    allocated.add(fresh);
                    ips.add(fresh);
                }
            }
        } catch (RuntimeException e) {
            allocated.forEach(allocator::release);
            throw e;
        }
        for (String old : existing) {
            if (!ips.contains(canonical(old))) {
                allocator.release(old);
            }
        }
        String policy = spec.getIpFamilyPolicy() == null ? SINGLE_STACK : spec.getIpFamilyPolicy();
        return new Assignment(policy, families, List.copyOf(ips));
    }

    /** The cluster IPs the spec holds ({@code clusterIPs}, else {@code clusterIP}), blanks dropped. */
    public static List<String> existingIps(ServiceSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            spec.getClusterIPs().stream().filter(ip -> ip != null && !ip.isBlank()).forEach(out::add);
        } else if (spec.getClusterIP() != null && !spec.getClusterIP().isBlank()) {
            out.add(spec.getClusterIP());
        }
        return out;
    }

    private static String canonical(String ip) {
        return IpFamilies.canonical(new inet.ipaddr.IPAddressString(ip.trim()).getAddress());
    }
}
