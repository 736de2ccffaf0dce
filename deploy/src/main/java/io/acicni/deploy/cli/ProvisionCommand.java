package io.acicni.deploy.cli;

import io.acicni.deploy.provision.ApicAccess;

import io.acicni.deploy.provision.ProvisionException;
import io.acicni.deploy.provision.ProvisionOptions;
import io.acicni.deploy.provision.Provisioner;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.flavor.Flavors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code aci-dualstack provision}: acc-provision compatible provisioning of the suite from an
 * acc-provision input file.
 */
@Command(name = "provision",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Provision the suite from an acc-provision input file.",
            "Writes Kubernetes manifests with ConfigMap aci-containers-config and,",
            "on request, the APIC objects, kubeadm or OpenShift networking and",
            "per-node IPv6 network files. INFO/WARN/ERR lines go to stderr.",
            "Exit 1 on any error; then no file is written."})
public class ProvisionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "-",
            description = "acc-provision input file; '-' (default) reads STDIN")
    String config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "Kubernetes manifests; '-' (default) writes STDOUT (the Secret then without data)")
    String output;

    @Option(names = {"-f", "--flavor"}, paramLabel = "FLAVOR", description = "flavor, e.g. kubernetes-1.35")
    String flavor;

    @Option(names = "--list-flavors", description = "list the supported flavors and exit")
    boolean listFlavors;

    @Option(names = "--apic-json", paramLabel = "FILE",
            description = "write the APIC objects (path line, then JSON body) the fabric needs")
    Path apicJson;

    @Option(names = "--kubeadm", paramLabel = "FILE",
            description = "write kubeadm ClusterConfiguration (and Init/JoinConfiguration with --nodes)")
    Path kubeadm;

    @Option(names = "--install-config", paramLabel = "FILE",
            description = "write the OpenShift install-config networking section")
    Path installConfig;

    @Option(names = "--node-network", paramLabel = "DIR",
            description = "write <node>.netplan.yaml and <node>.nmcli.sh per node (needs --nodes)")
    Path nodeNetwork;

    @Option(names = "--nodes", paramLabel = "FILE",
            description = "nodes: list of {name, ipv4, ipv6, interface}")
    Path nodes;

    @Option(names = "--service-cidr", paramLabel = "CIDR", split = ",",
            description = "service CIDRs v4,v6 (default: the distribution's usual ones)")
    List<String> serviceCidrs;

    @Option(names = "--kafka-cluster", paramLabel = "NAME", defaultValue = "aci-dualstack-kafka",
            description = "Strimzi Kafka cluster name (default: ${DEFAULT-VALUE})")
    String kafkaCluster;

    @Option(names = "--kafka-namespace", paramLabel = "NS",
            description = "namespace of the Kafka cluster and its KafkaTopics (default: aci-containers-system)")
    String kafkaNamespace;

    @Option(names = "--kafka-replicas", paramLabel = "N", defaultValue = "3",
            description = "replication factor of the topics (default: ${DEFAULT-VALUE})")
    int kafkaReplicas;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
            description = "bootstrap servers (default: <cluster>-kafka-bootstrap.<ns>.svc:9092)")
    String kafkaBootstrap;

    @Option(names = {"-a", "--apic"}, description = "create the fabric objects on the APIC (apic_hosts)")
    boolean apicPush;

    @Option(names = {"-d", "--delete"}, description = "remove the fabric objects from the APIC")
    boolean apicDelete;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "APIC user for -a/-d (else sync_login's certificate)")
    String apicUser;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", interactive = false,
            description = "APIC password for -u (or ACICNI_APIC_PASSWORD); never printed")
    char[] apicPassword;

    @Option(names = "--apic-ca", paramLabel = "FILE", description = "PEM bundle that signs the APIC certificate")
    java.nio.file.Path apicCa;

    @Option(names = "--apic-insecure", description = "do not verify the APIC's TLS certificate (not recommended)")
    boolean apicInsecure;

    @Option(names = "--debug", description = "show DBG: lines and stack traces of unexpected errors")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Console console = new Console(err, debug);
        if (listFlavors) {
            for (Flavor f : Flavors.all()) {
                console.info(f.name() + ":\t" + f.description()
                        + (f.supportsDualStack() ? "" : " [single stack only]"));
            }
            return ExitCodes.OK;
        }
        if (kafkaReplicas < 1) {
            console.error("Invalid --kafka-replicas: " + kafkaReplicas + "; must be 1 or more");
            return ExitCodes.ERROR;
        }
        ProvisionOptions options = new ProvisionOptions(config, output, flavor, apicJson, kubeadm, installConfig,
                nodeNetwork, nodes, serviceCidrs, kafkaCluster, kafkaNamespace, kafkaReplicas, kafkaBootstrap);
        try {
            if (apicPush && apicDelete) {
                console.error("-a and -d exclude each other");
                return ExitCodes.ERROR;
            }
            new Provisioner(console, spec.commandLine().getOut(), System.in).run(options,
                    new ApicAccess(apicPush, apicDelete, apicUser, apicPassword, apicCa, apicInsecure));
            return ExitCodes.OK;
        } catch (ProvisionException e) {
            e.messages().forEach(console::error);
            return ExitCodes.ERROR;
        } catch (RuntimeException e) {
            if (debug) {
                e.printStackTrace(err);
            }
            console.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
