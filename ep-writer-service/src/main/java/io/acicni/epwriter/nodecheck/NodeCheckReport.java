package io.acicni.epwriter.nodecheck;

import java.util.List;
import java.util.Map;

/**
 * Result of the node checks: each check with its verdict, and the counts.
 *
 * @param counts files and pods per node: {@code <node>.endpoint-files}, {@code <node>.service-files},
 *               {@code <node>.pods}, {@code <node>.pods-lacking-a-family}
 */
public record NodeCheckReport(List<Check> checks, Map<String, Long> counts) {

    public record Check(String name, boolean ok, String detail) {
    }

    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    public List<String> problems() {
        return checks.stream().filter(c -> !c.ok()).map(c -> c.name() + ": " + c.detail()).toList();
    }
}
