package io.acicni.deploy.provision;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code aci-dualstack provision}.
 *
 * @param config        input file, {@code -} for stdin
 * @param output        manifests file, {@code -} for stdout
 * @param flavor        flavor name, null when not given
 * @param apicJson      APIC configuration file, or null
 * @param kubeadm       kubeadm configuration file, or null
 * @param installConfig OpenShift install-config networking file, or null
 * @param nodeNetwork   directory for per-node network files, or null
 * @param nodes         nodes file, or null
 * @param serviceCidrs  {@code --service-cidr} values, empty for the defaults
 * @param kafka         Kafka cluster name, namespace (null = the suite's), replicas, bootstrap (null = derived)
 */
public record ProvisionOptions(
        String config,
        String output,
        String flavor,
        Path apicJson,
        Path kubeadm,
        Path installConfig,
        Path nodeNetwork,
        Path nodes,
        List<String> serviceCidrs,
        String kafkaCluster,
        String kafkaNamespace,
        int kafkaReplicas,
        String kafkaBootstrap) {

    public static final String STDIO = "-";

    public ProvisionOptions {
        serviceCidrs = serviceCidrs == null ? List.of() : List.copyOf(serviceCidrs);
    }
}
