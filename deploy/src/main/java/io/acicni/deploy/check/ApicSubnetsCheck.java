package io.acicni.deploy.check;

import io.acicni.apic.model.ApicObject;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Both gateway subnets (IPv4 and IPv6) under the node and the pod bridge domain in the APIC: every
 * subnet of the config ({@code node-subnet} of the host-agent config for the node BD,
 * {@code pod-subnet} of the controller config for the pod BD) must exist as an {@code fvSubnet} of the
 * BD the controller config names ({@code aci-nodebd-dn}, {@code aci-podbd-dn}), and each BD must have
 * one of each family.
 */
public final class ApicSubnetsCheck {
    public static final String NODE_BD = "apic.node-bd-subnets";
    public static final String POD_BD = "apic.pod-bd-subnets";

    private ApicSubnetsCheck() {
    }

    /** Both checks SKIPped with the same reason (APIC not configured, no config to read BD names from). */
    public static List<CheckResult> skipped(String why) {
        return List.of(CheckResult.skip(NODE_BD, why), CheckResult.skip(POD_BD, why));
    }

    public static List<CheckResult> run(Optional<SuiteConfig> config, BridgeDomainReader apic) {
        if (config.isEmpty() || config.get().controller() == null) {
            return skipped("no readable controller-config to take the bridge domains from");
        }
        SuiteConfig c = config.get();
        List<CheckResult> out = new ArrayList<>();
        if (c.hostAgent() == null) {
            out.add(CheckResult.skip(NODE_BD, "host-agent-config cannot be read, so the node subnets are unknown"));
        } else {
            out.add(bd(NODE_BD, c.controller().aciNodeBdDn(), "aci-nodebd-dn", c.hostAgent().nodeSubnets(),
                    "host-agent-config node-subnet", apic));
        }
        out.add(bd(POD_BD, c.controller().aciPodBdDn(), "aci-podbd-dn", c.controller().podSubnets(),
                "controller-config pod-subnet", apic));
        return out;
    }

    static CheckResult bd(String check, String bdDn, String key, List<String> expected, String source, BridgeDomainReader apic) {
        if (bdDn == null || bdDn.isBlank()) {
            return CheckResult.skip(check, "controller-config has no " + key + ": bridge domain unknown");
        }
        Optional<List<ApicObject>> found;
        try {
            found = apic.subnets(bdDn);
        } catch (RuntimeException e) {
            return CheckResult.fail(check, List.of("cannot read " + bdDn + " from the APIC: " + e.getMessage()));
        }
        if (found.isEmpty()) {
            return CheckResult.fail(check, List.of(bdDn + " does not exist in the APIC (expected subnets " + expected + " from " + source + ")"));
        }
        List<String> seen = new ArrayList<>();
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        for (ApicObject subnet : found.get()) {
            String ip = subnet.attribute("ip");
            Optional<IpFamily> family = ip == null ? Optional.empty() : Ips.cidr(ip).map(x -> x.family());
            family.ifPresent(families::add);
            seen.add(ip + " (" + family.map(IpFamily::label).orElse("?") + ")");
        }
        List<String> failures = new ArrayList<>();
        for (String want : expected) {
            boolean present = found.get().stream().anyMatch(s -> Ips.sameSubnet(want, s.attribute("ip")));
            if (!present) {
                failures.add(bdDn + ": missing " + Ips.cidr(want).map(x -> x.family().label()).orElse("") + " subnet " + want
                        + " (from " + source + ")");
            }
        }
        for (IpFamily f : IpFamily.values()) {
            if (!families.contains(f) && failures.stream().noneMatch(l -> l.contains("missing " + f.label()))) {
                failures.add(bdDn + ": no " + f.label() + " fvSubnet at all");
            }
        }
        List<String> evidence = List.of(bdDn + " fvSubnet: " + (seen.isEmpty() ? "none" : String.join(", ", seen))
                + "; expected " + expected + " from " + source);
        return CheckResult.of(check, failures, evidence);
    }
}
