package io.acicni.netconfig.validate;

import io.acicni.netconfig.derive.NetworkPlan;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.input.ProvisionInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates an acc-provision input in acc-provision's order:
 * <ol>
 *   <li>subnet fields of the wrong YAML type (acc-provision crashes here; we name the field)</li>
 *   <li>malformed addresses in pod, extern_dynamic, extern_static, node subnets</li>
 *   <li>dual stack: flavor support, node subnet has both families, extern rules</li>
 *   <li>missing and invalid options (sorted), then {@code Please fix configuration and retry.}</li>
 *   <li>prefix lengths (acc-provision crashes here; we name the field and value)</li>
 *   <li>overlapping subnets within a family</li>
 * </ol>
 * The first failing step stops validation. Risky but accepted inputs give warnings.
 */
public final class InputValidator {
    private InputValidator() {
    }

    public static ValidatedInput validate(ProvisionInput input, Flavor flavor) throws ValidationException {
        if (!input.shapeProblems().isEmpty()) {
            throw new ValidationException(input.shapeProblems());
        }
        DualStackRules.rejectMalformed(input.netConfig());
        DualStackRules.check(input.netConfig(), flavor);
        RequiredOptions.check(input, flavor);
        NetworkPlan plan = SubnetParsing.parse(input.netConfig());
        OverlapCheck.check(plan);
        List<String> warnings = new ArrayList<>(RiskWarnings.find(plan));
        return new ValidatedInput(input, flavor, plan, warnings);
    }
}
