package io.acicni.netconfig.input;

import java.util.List;
import java.util.Map;

/**
 * An acc-provision input file, read but not yet validated.
 *
 * @param source        where it was read from ({@code STDIN} or a path), for messages
 * @param aciConfig     {@code aci_config}
 * @param netConfig     {@code net_config}, subnet fields normalised to lists
 * @param kubeConfig    {@code kube_config}
 * @param registry      {@code registry}
 * @param logging       {@code logging}
 * @param shapeProblems subnet fields of the wrong YAML type (reported where acc-provision would
 *                      first look at subnets)
 * @param optionProblems other options of the wrong type, by option path (reported with the
 *                       missing options)
 */
public record ProvisionInput(
        String source,
        AciConfig aciConfig,
        NetConfig netConfig,
        KubeConfig kubeConfig,
        RegistryConfig registry,
        LoggingConfig logging,
        List<String> shapeProblems,
        Map<String, String> optionProblems) {

    public ProvisionInput {
        shapeProblems = List.copyOf(shapeProblems);
        optionProblems = Map.copyOf(optionProblems);
    }
}
