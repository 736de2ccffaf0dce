package io.acicni.deploy.check;

import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every pod that is not hostNetwork and is Running or has IPs has exactly one IP of each family in
 * {@code status.podIPs}, the cluster's primary family first.
 */
public final class PodIpsCheck {
    public static final String NAME = "pods.pod-ips";

    private PodIpsCheck() {
    }

    public static CheckResult run(List<Pod> pods, List<IpFamily> familiesInOrder) {
        List<String> failures = new ArrayList<>();
        List<String> good = new ArrayList<>();
        int hostNetwork = 0;
        int notRunning = 0;
        for (Pod pod : pods) {
            if (isHostNetwork(pod)) {
                hostNetwork++;
                continue;
            }
            List<String> ips = podIps(pod);
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase) || (!"Running".equals(phase) && ips.isEmpty())) {
                notRunning++;
                continue;
            }
            problem(pod, ips, familiesInOrder).ifPresentOrElse(failures::add,
                    () -> good.add(name(pod) + ": " + String.join(", ", ips)));
        }
        List<String> evidence = new ArrayList<>();
        String order = familiesInOrder.get(0).label() + " first";
        evidence.add(good.size() + " of " + (good.size() + failures.size()) + " pods have one IPv4 and one IPv6 address, "
                + order + " (" + hostNetwork + " hostNetwork and " + notRunning + " not running skipped)");
        evidence.addAll(Evidence.sample(good));
        if (good.isEmpty() && failures.isEmpty()) {
            return CheckResult.skip(NAME, "no running pod network pods (" + hostNetwork + " hostNetwork, "
                    + notRunning + " not running)");
        }
        return CheckResult.of(NAME, failures, evidence);
    }

    static java.util.Optional<String> problem(Pod pod, List<String> ips, List<IpFamily> familiesInOrder) {
        String who = name(pod) + " (node " + Objects.requireNonNullElse(pod.getSpec() == null ? null : pod.getSpec().getNodeName(), "none") + ")";
        String seen = "podIPs [" + String.join(", ", ips) + "]";
        if (ips.isEmpty()) {
            return java.util.Optional.of(who + ": Running but status.podIPs is empty");
        }
        List<String> bad = ips.stream().filter(ip -> Ips.family(ip).isEmpty()).toList();
        if (!bad.isEmpty()) {
            return java.util.Optional.of(who + ": " + seen + " holds " + String.join(", ", bad) + ", not an IP address");
        }
        List<IpFamily> families = Ips.families(ips);
        List<String> issues = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            long n = families.stream().filter(x -> x == f).count();
            if (n == 0) {
                issues.add("lacks " + f.label());
            } else if (n > 1) {
                issues.add("has " + n + " " + f.label() + " addresses");
            }
        }
        if (issues.isEmpty() && families.get(0) != familiesInOrder.get(0)) {
            issues.add("wrong order: " + families.get(0).label() + " first, the cluster's primary family "
                    + familiesInOrder.get(0).label() + " must come first");
        }
        String podIp = pod.getStatus().getPodIP();
        if (podIp != null && !podIp.isBlank() && !Ips.same(podIp, ips.get(0))) {
            issues.add("status.podIP " + podIp + " differs from podIPs[0] " + ips.get(0));
        }
        return issues.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(who + ": " + seen + " " + String.join("; ", issues));
    }

    /** {@code status.podIPs}, else {@code status.podIP}. */
    public static List<String> podIps(Pod pod) {
        List<String> out = new ArrayList<>();
        if (pod.getStatus() == null) {
            return out;
        }
        if (pod.getStatus().getPodIPs() != null && !pod.getStatus().getPodIPs().isEmpty()) {
            for (PodIP ip : pod.getStatus().getPodIPs()) {
                if (ip.getIp() != null && !ip.getIp().isBlank()) {
                    out.add(ip.getIp());
                }
            }
        } else if (pod.getStatus().getPodIP() != null && !pod.getStatus().getPodIP().isBlank()) {
            out.add(pod.getStatus().getPodIP());
        }
        return out;
    }

    public static boolean isHostNetwork(Pod pod) {
        return pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    }

    static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
