package io.acicni.deploy.target;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the user said about where to look: a cluster (kubeconfig, Kafka, APIC, ep-writer and ipam
 * URLs) or a local run ({@code <localDir>/suite.json}). Null or empty means "not given".
 *
 * @param kubeconfig       {@code --kubeconfig}: a cluster, whatever else exists
 * @param localDir         {@code --local}: the local run's var directory
 * @param localExplicit    whether {@code --local} was given (then its suite.json must exist)
 * @param kafkaBootstrap   {@code --kafka-bootstrap}
 * @param apicHosts        {@code --apic-host} (else the controller config's apic-hosts)
 * @param apicUser         {@code --apic-user}
 * @param apicPasswordFile {@code --apic-password-file}
 * @param apicCa           {@code --apic-ca}
 * @param epWriterUrls     {@code --ep-writer-url node=url}
 * @param ipamUrl          {@code --ipam-url}
 * @param namespace        {@code --namespace}: where the suite's ConfigMap is looked for first
 */
public record TargetOptions(Path kubeconfig, Path localDir, boolean localExplicit, String kafkaBootstrap,
                            List<String> apicHosts, String apicUser, Path apicPasswordFile, Path apicCa,
                            Map<String, String> epWriterUrls, String ipamUrl, String namespace) {

    public TargetOptions {
        apicHosts = apicHosts == null ? List.of() : List.copyOf(apicHosts);
        epWriterUrls = epWriterUrls == null ? Map.of() : Map.copyOf(epWriterUrls);
        localDir = localDir == null ? Path.of("var") : localDir;
    }
}
