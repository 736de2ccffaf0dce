package io.acicni.deploy.target;

import io.acicni.deploy.local.LocalSuiteState;
import io.acicni.events.kafka.KafkaConnectionSettings;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Picks the target. Order: {@code --kubeconfig} (a cluster); else the local run's
 * {@code <local>/suite.json} when {@code --local} was given or the file exists and its {@code up}
 * process is alive; else the cluster of {@code KUBECONFIG} / {@code ~/.kube/config} / in-cluster
 * (fabric8's discovery). Cluster settings for Kafka, APIC, ep-writers and ipam come from the options
 * and environment; a local run supplies them all (options given explicitly still win).
 */
public final class TargetResolver {
    /** Kubernetes requests of a command line: fail fast instead of retrying for minutes. */
    static final int KUBE_TIMEOUT_MS = 15_000;

    private final Map<String, String> environment;

    public TargetResolver(Map<String, String> environment) {
        this.environment = environment;
    }

    public Target resolve(TargetOptions options) {
        String namespace = options.namespace() != null ? options.namespace() : AciContainersConfigFactory.SYSTEM_NAMESPACE;
        if (options.kubeconfig() != null) {
            return cluster(options, kubeconfig(options.kubeconfig()), "cluster of kubeconfig " + options.kubeconfig(), namespace);
        }
        Path stateFile = LocalSuiteState.fileIn(options.localDir());
        Optional<LocalSuiteState> state = LocalSuiteState.read(stateFile);
        if (options.localExplicit() && state.isEmpty()) {
            throw new TargetException("no local run: " + stateFile + " does not exist (start one with 'aci-dualstack up')");
        }
        if (state.isPresent() && (options.localExplicit() || alive(state.get().pid()))) {
            return local(options, state.get(), stateFile, namespace);
        }
        String stale = state.map(s -> " (ignoring " + stateFile + ": its process " + s.pid() + " is not running)").orElse("");
        Config discovered = tuned(Config.autoConfigure(null));
        return cluster(options, discovered, "cluster at " + discovered.getMasterUrl() + stale, namespace);
    }

    private Target cluster(TargetOptions options, Config config, String description, String namespace) {
        Properties kafka = null;
        String kafkaMissing = null;
        String bootstrap = options.kafkaBootstrap() != null ? options.kafkaBootstrap()
                : environment.get("ACICNI_KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null && !bootstrap.isBlank()) {
            kafka = KafkaConnectionSettings.fromEnvironment(environment);
            kafka.setProperty("bootstrap.servers", bootstrap.trim());
        } else {
            kafkaMissing = "Kafka not configured: give --kafka-bootstrap or set ACICNI_KAFKA_BOOTSTRAP_SERVERS";
        }
        ApicTarget apic = null;
        String apicMissing = null;
        if (options.apicUser() != null && options.apicPasswordFile() != null) {
            apic = new ApicTarget(options.apicHosts(), options.apicUser(), options.apicPasswordFile(), options.apicCa());
        } else {
            apicMissing = "APIC access not configured: give --apic-user and --apic-password-file"
                    + " (and --apic-host, --apic-ca)";
        }
        Map<String, NodeAccess> nodes = new LinkedHashMap<>();
        options.epWriterUrls().forEach((node, url) -> nodes.put(node, new NodeAccess(url, null, null)));
        return new Target(description, false, config, kafka, kafkaMissing, apic, apicMissing, nodes,
                options.ipamUrl(), namespace);
    }

    private Target local(TargetOptions options, LocalSuiteState state, Path stateFile, String namespace) {
        Config config = kubeconfig(Path.of(state.kubeconfig()));
        Properties kafka = KafkaConnectionSettings.fromEnvironment(Map.of());
        kafka.setProperty("bootstrap.servers",
                options.kafkaBootstrap() != null ? options.kafkaBootstrap() : state.kafkaBootstrap());
        ApicTarget apic = null;
        String apicMissing = null;
        if (options.apicUser() != null && options.apicPasswordFile() != null) {
            apic = new ApicTarget(options.apicHosts(), options.apicUser(), options.apicPasswordFile(), options.apicCa());
        } else if (state.apic() != null && state.apic().url() != null) {
            LocalSuiteState.Apic a = state.apic();
            apic = new ApicTarget(java.util.List.of(a.url()), a.username(),
                    a.passwordFile() == null ? null : Path.of(a.passwordFile()),
                    a.caFile() == null ? null : Path.of(a.caFile()));
            if (apic.passwordFile() == null || apic.user() == null) {
                apic = null;
                apicMissing = "the local run's suite.json has no APIC user or password file";
            }
        } else {
            apicMissing = "the local run's suite.json names no APIC";
        }
        Map<String, NodeAccess> nodes = new LinkedHashMap<>();
        state.nodes().forEach((name, n) -> nodes.put(name, new NodeAccess(n.epWriterUrl(),
                n.endpointDir() == null ? null : Path.of(n.endpointDir()),
                n.serviceDir() == null ? null : Path.of(n.serviceDir()))));
        options.epWriterUrls().forEach((node, url) -> nodes.merge(node, new NodeAccess(url, null, null),
                (old, given) -> new NodeAccess(url, old.endpointDir(), old.serviceDir())));
        String ipam = options.ipamUrl() != null ? options.ipamUrl() : state.services().get("ipam-service");
        return new Target("local run " + stateFile + " (pid " + state.pid() + ")", true, config, kafka, null,
                apic, apicMissing, nodes, ipam, namespace);
    }

    private static Config kubeconfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TargetException("kubeconfig " + file + " does not exist");
        }
        try {
            return tuned(Config.fromKubeconfig(new File(file.toString())));
        } catch (RuntimeException e) {
            throw new TargetException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    private static Config tuned(Config config) {
        return new ConfigBuilder(config)
                .withConnectionTimeout(KUBE_TIMEOUT_MS)
                .withRequestTimeout(KUBE_TIMEOUT_MS)
                .withRequestRetryBackoffLimit(1)
                .build();
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
