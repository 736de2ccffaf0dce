package io.acicni.deploy.cli;

import io.acicni.deploy.target.TargetOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where validate, diagnose and audit look: a cluster, or the local run of {@code aci-dualstack up}. */
public class TargetMixin {
    @Option(names = "--kubeconfig", paramLabel = "FILE", order = 100,
            description = "a cluster's kubeconfig (default: the local run if <local>/suite.json exists, else KUBECONFIG, ~/.kube/config or in-cluster)")
    Path kubeconfig;

    @Option(names = "--local", paramLabel = "DIR", order = 101,
            description = "the local run's state directory holding suite.json (default: ./var)")
    Path local;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", order = 102,
            description = "namespace of ConfigMap aci-containers-config (default: aci-containers-system, then any)")
    String namespace;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", order = 103,
            description = "Kafka bootstrap servers (default: ACICNI_KAFKA_BOOTSTRAP_SERVERS; other ACICNI_KAFKA_* variables apply)")
    String kafkaBootstrap;

    @Option(names = "--apic-host", paramLabel = "HOST", split = ",", order = 104,
            description = "APIC host(s) (default: the controller config's apic-hosts)")
    List<String> apicHosts;

    @Option(names = "--apic-user", paramLabel = "USER", order = 105, description = "APIC user (read access is enough)")
    String apicUser;

    @Option(names = "--apic-password-file", paramLabel = "FILE", order = 106, description = "file holding the APIC password")
    Path apicPasswordFile;

    @Option(names = "--apic-ca", paramLabel = "FILE", order = 107, description = "PEM bundle that signs the APIC certificate")
    Path apicCa;

    @Option(names = "--ep-writer-url", paramLabel = "NODE=URL", order = 108,
            description = "a node's ep-writer base URL (repeatable), e.g. worker-1=http://localhost:8081")
    Map<String, String> epWriterUrls;

    @Option(names = "--ipam-url", paramLabel = "URL", order = 109, description = "ipam-service base URL (the leader)")
    String ipamUrl;

    TargetOptions options() {
        return new TargetOptions(kubeconfig, local, local != null, kafkaBootstrap, apicHosts, apicUser, apicPasswordFile,
                apicCa, epWriterUrls, ipamUrl, namespace);
    }
}
