package io.acicni.deploy.check;

import java.util.List;

/**
 * One check's verdict with the values it saw.
 *
 * @param check    a stable dotted name, e.g. {@code pods.pod-ips}
 * @param status   PASS, FAIL or SKIP
 * @param evidence what was seen, one sentence each; failures first
 */
public record CheckResult(String check, CheckStatus status, List<String> evidence) {
    public CheckResult {
        evidence = List.copyOf(evidence);
    }

    public static CheckResult pass(String check, List<String> evidence) {
        return new CheckResult(check, CheckStatus.PASS, evidence);
    }

    public static CheckResult fail(String check, List<String> evidence) {
        return new CheckResult(check, CheckStatus.FAIL, evidence);
    }

    public static CheckResult skip(String check, String why) {
        return new CheckResult(check, CheckStatus.SKIP, List.of(why));
    }

    /** PASS without failures, FAIL with (failures first, then the rest of the evidence). */
    public static CheckResult of(String check, List<String> failures, List<String> evidence) {
        if (failures.isEmpty()) {
            return pass(check, evidence);
        }
        List<String> all = new java.util.ArrayList<>(failures);
        all.addAll(evidence);
        return fail(check, all);
    }
}
