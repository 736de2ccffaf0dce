package io.acicni.deploy.check;

import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dual-stack services (ipFamilyPolicy PreferDualStack or RequireDualStack with two ipFamilies) have
 * both cluster IPs: one per family, in {@code ipFamilies} order. Headless and ExternalName services
 * have no cluster IPs and are left out.
 */
public final class ServiceIpsCheck {
    public static final String NAME = "services.cluster-ips";

    private ServiceIpsCheck() {
    }

    public static CheckResult run(List<Service> services) {
        List<String> failures = new ArrayList<>();
        List<String> good = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int single = 0;
        for (Service service : services) {
            ServiceSpec spec = service.getSpec();
            if (spec == null || "ExternalName".equals(spec.getType()) || "None".equals(spec.getClusterIP())) {
                continue;
            }
            String policy = spec.getIpFamilyPolicy();
            List<String> families = spec.getIpFamilies() == null ? List.of() : spec.getIpFamilies();
            String who = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
            boolean dualPolicy = "PreferDualStack".equals(policy) || "RequireDualStack".equals(policy);
            if (!dualPolicy) {
                single++;
                continue;
            }
            if (families.size() < 2) {
                String line = who + ": " + policy + " but ipFamilies " + families + " (one family: is the cluster's service CIDR single-stack?)";
                if ("RequireDualStack".equals(policy)) {
                    failures.add(line);
                } else {
                    notes.add(line);
                }
                continue;
            }
            problem(who, spec).ifPresentOrElse(failures::add,
                    () -> good.add(who + ": " + policy + " " + families + " clusterIPs " + clusterIps(spec)));
        }
        if (good.isEmpty() && failures.isEmpty()) {
            List<String> why = new ArrayList<>(List.of("no dual-stack service (PreferDualStack/RequireDualStack with two ipFamilies); "
                    + single + " single-stack services"));
            why.addAll(notes);
            return new CheckResult(NAME, CheckStatus.SKIP, why);
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(good.size() + " of " + (good.size() + failures.size()) + " dual-stack services have a cluster IP of each family in ipFamilies order ("
                + single + " single-stack services left out)");
        evidence.addAll(Evidence.sample(good));
        evidence.addAll(notes);
        return CheckResult.of(NAME, failures, evidence);
    }

    static Optional<String> problem(String who, ServiceSpec spec) {
        List<String> ips = clusterIps(spec);
        List<String> families = spec.getIpFamilies();
        String seen = who + ": " + spec.getIpFamilyPolicy() + " ipFamilies " + families + " but clusterIPs " + ips;
        if (ips.size() < 2) {
            return Optional.of(seen + " - " + (ips.isEmpty() ? "no cluster IP" : "only one cluster IP (" + Ips.label(ips.get(0)) + ")"));
        }
        List<String> issues = new ArrayList<>();
        List<IpFamily> seenFamilies = Ips.families(ips);
        if (seenFamilies.size() != ips.size()) {
            issues.add("a cluster IP is not an IP address");
        } else if (seenFamilies.size() > 2 || seenFamilies.get(0) == seenFamilies.get(1)) {
            issues.add("not one address per family");
        } else {
            for (int i = 0; i < 2; i++) {
                if (!seenFamilies.get(i).label().equals(families.get(i))) {
                    issues.add("clusterIPs[" + i + "] is " + seenFamilies.get(i).label() + ", ipFamilies[" + i + "] is " + families.get(i));
                }
            }
        }
        if (spec.getClusterIP() != null && !Ips.same(spec.getClusterIP(), ips.get(0))) {
            issues.add("clusterIP " + spec.getClusterIP() + " differs from clusterIPs[0]");
        }
        return issues.isEmpty() ? Optional.empty() : Optional.of(seen + " - " + String.join("; ", issues));
    }

    static List<String> clusterIps(ServiceSpec spec) {
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            return spec.getClusterIPs().stream().filter(ip -> ip != null && !ip.isBlank() && !"None".equals(ip)).toList();
        }
        return spec.getClusterIP() == null || spec.getClusterIP().isBlank() ? List.of() : List.of(spec.getClusterIP());
    }
}
