package io.acicni.netconfig.validate;

import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.ProvisionInput;

import java.util.List;

/**
 * An input that passed validation, with its parsed subnets and the warnings to show.
 *
 * @param input    the input as read
 * @param flavor   the flavor it was validated for
 * @param plan     the parsed subnets
 * @param warnings {@code WARN:} messages without prefix, in the order found
 */
public record ValidatedInput(ProvisionInput input, Flavor flavor, NetworkPlan plan, List<String> warnings) {
    public static final String WARN_PREFIX = "WARN: ";

    public ValidatedInput {
        warnings = List.copyOf(warnings);
    }

    public List<String> warnLines() {
        return warnings.stream().map(w -> WARN_PREFIX + w).toList();
    }
}
