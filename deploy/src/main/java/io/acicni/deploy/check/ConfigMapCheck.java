package io.acicni.deploy.check;

import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.CniNetConfig;
import io.acicni.netconfig.config.ControllerConfig;
import io.acicni.netconfig.config.HostAgentConfig;
import io.acicni.netconfig.config.IpRange;
import io.acicni.netconfig.ip.IpFamily;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Both families in ConfigMap {@code aci-containers-config}: in {@code controller-config} the pod
 * subnets and the pod address pool; in {@code host-agent-config} the pod subnets, node subnets and
 * {@code cni-netconfig} (which decides the families a pod gets).
 */
public final class ConfigMapCheck {
    public static final String CONTROLLER = "configmap.controller-config";
    public static final String HOST_AGENT = "configmap.host-agent-config";

    private ConfigMapCheck() {
    }

    public static List<CheckResult> run(Optional<SuiteConfig> found, String namespace) {
        if (found.isEmpty()) {
            String why = "ConfigMap " + AciContainersConfig.CONFIGMAP_NAME + " not found in namespace " + namespace
                    + " nor in any other namespace (was 'aci-dualstack provision' output applied?)";
            return List.of(CheckResult.fail(CONTROLLER, List.of(why)), CheckResult.fail(HOST_AGENT, List.of(why)));
        }
        SuiteConfig config = found.get();
        return List.of(controller(config), hostAgent(config));
    }

    static CheckResult controller(SuiteConfig config) {
        String where = config.location() + " " + AciContainersConfig.CONTROLLER_KEY;
        if (config.controller() == null) {
            return CheckResult.fail(CONTROLLER, List.of(where + " cannot be read: " + config.controllerError()));
        }
        ControllerConfig c = config.controller();
        List<String> failures = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        subnets(where, "pod-subnet", c.podSubnets(), failures, evidence);
        ranges(where, "pod-ip-pool", c.podIpPool(), failures, evidence);
        evidence.add(where + " primary family (first pod-subnet): "
                + (c.podFamilies().isEmpty() ? "unknown" : c.podFamilies().get(0).label()));
        info(where, "service-ip-pool", c.serviceIpPool(), evidence);
        info(where, "static-service-ip-pool", c.staticServiceIpPool(), evidence);
        return CheckResult.of(CONTROLLER, failures, evidence);
    }

    static CheckResult hostAgent(SuiteConfig config) {
        String where = config.location() + " " + AciContainersConfig.HOST_AGENT_KEY;
        if (config.hostAgent() == null) {
            return CheckResult.fail(HOST_AGENT, List.of(where + " cannot be read: " + config.hostAgentError()));
        }
        HostAgentConfig h = config.hostAgent();
        List<String> failures = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        subnets(where, "pod-subnet", h.podSubnets(), failures, evidence);
        subnets(where, "node-subnet", h.nodeSubnets(), failures, evidence);
        List<String> cni = h.cniNetConfig().stream().map(CniNetConfig::subnet).toList();
        subnets(where, "cni-netconfig subnet", cni, failures, evidence);
        return CheckResult.of(HOST_AGENT, failures, evidence);
    }

    private static void subnets(String where, String key, List<String> values, List<String> failures, List<String> evidence) {
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        List<String> shown = new ArrayList<>();
        for (String v : values) {
            Optional<IpFamily> f = Ips.cidr(v).map(x -> x.family());
            f.ifPresent(families::add);
            shown.add(v + " (" + f.map(IpFamily::label).orElse("not a subnet") + ")");
        }
        String line = where + " " + key + ": " + (shown.isEmpty() ? "none" : String.join(", ", shown));
        List<String> missing = missing(families);
        if (missing.isEmpty()) {
            evidence.add(line);
        } else {
            failures.add(line + " - no " + String.join(" and no ", missing) + " entry");
        }
    }

    private static void ranges(String where, String key, List<IpRange> ranges, List<String> failures, List<String> evidence) {
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        ranges.forEach(r -> families.add(r.family()));
        String line = where + " " + key + ": " + describe(ranges);
        List<String> missing = missing(families);
        if (missing.isEmpty()) {
            evidence.add(line);
        } else {
            failures.add(line + " - no " + String.join(" and no ", missing) + " range");
        }
    }

    private static void info(String where, String key, List<IpRange> ranges, List<String> evidence) {
        if (!ranges.isEmpty()) {
            evidence.add(where + " " + key + ": " + describe(ranges));
        }
    }

    static String describe(List<IpRange> ranges) {
        if (ranges.isEmpty()) {
            return "none";
        }
        Function<IpRange, String> text = r -> r.start() + "-" + r.end() + " (" + r.family().label() + ")";
        return ranges.stream().map(text).collect(Collectors.joining(", "));
    }

    private static List<String> missing(Set<IpFamily> families) {
        List<String> out = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            if (!families.contains(f)) {
                out.add(f.label());
            }
        }
        return out;
    }
}
