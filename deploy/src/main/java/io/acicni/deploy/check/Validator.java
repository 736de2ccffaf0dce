package io.acicni.deploy.check;

import io.acicni.apic.client.ApicClient;
import io.acicni.deploy.target.ApicTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dual-stack validation list, in order: ConfigMap (controller, host agent), APIC subnets (node
 * BD, pod BD), node pod ranges, pod IPs, service cluster IPs. Plain Java: the snapshot and APIC
 * access come in, results go out.
 */
public final class Validator {
    private Validator() {
    }

    /**
     * @param apic        APIC access, or empty (then the APIC checks are SKIPped with {@code apicMissing})
     * @param apicMissing why APIC access is not configured
     */
    public static List<CheckResult> validate(ClusterSnapshot snapshot, String namespace, Optional<ApicTarget> apic,
                                             String apicMissing) {
        List<CheckResult> results = new ArrayList<>(ConfigMapCheck.run(snapshot.config(), namespace));
        results.addAll(apicChecks(snapshot.config(), apic, apicMissing));
        results.add(NodeRangesCheck.run(snapshot.nodes()));
        results.add(PodIpsCheck.run(snapshot.pods(), SuiteConfig.familiesInOrder(snapshot.config())));
        results.add(ServiceIpsCheck.run(snapshot.services()));
        return results;
    }

    static List<CheckResult> apicChecks(Optional<SuiteConfig> config, Optional<ApicTarget> apic, String apicMissing) {
        if (apic.isEmpty()) {
            return ApicSubnetsCheck.skipped(apicMissing);
        }
        ApicTarget target = apic.get().withDefaultHosts(config.map(SuiteConfig::controller)
                .map(c -> c.apicHosts()).orElse(List.of()));
        if (target.hosts().isEmpty()) {
            return ApicSubnetsCheck.skipped("no APIC host: give --apic-host (the controller config names none)");
        }
        try (ApicClient client = target.open()) {
            return ApicSubnetsCheck.run(config, BridgeDomainReader.of(client));
        } catch (RuntimeException e) {
            String why = "cannot use the APIC at " + target + ": " + e.getMessage();
            return List.of(CheckResult.fail(ApicSubnetsCheck.NODE_BD, List.of(why)), CheckResult.fail(ApicSubnetsCheck.POD_BD, List.of(why)));
        }
    }

    /** True when no check FAILed (SKIP allowed). */
    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.status() == CheckStatus.FAIL);
    }
}
