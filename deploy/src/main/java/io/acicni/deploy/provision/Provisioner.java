package io.acicni.deploy.provision;

import io.acicni.deploy.cli.Console;
import io.acicni.deploy.kubeadm.KubeadmConfigFactory;
import io.acicni.deploy.manifest.ApicCredentials;
import io.acicni.deploy.manifest.ConfigManifests;
import io.acicni.deploy.manifest.KafkaSettings;
import io.acicni.deploy.manifest.ManifestContext;
import io.acicni.deploy.manifest.SuiteManifests;
import io.acicni.deploy.manifest.YamlDocuments;
import io.acicni.deploy.net.ServiceCidrs;
import io.acicni.deploy.node.NodeListReader;
import io.acicni.deploy.node.NodeNetworkFiles;
import io.acicni.deploy.node.NodeSpec;
import io.acicni.deploy.openshift.InstallConfigNetworking;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.FabricConfigFactory;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.input.ProvisionInput;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidatedInput;
import io.acicni.netconfig.validate.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aci-dualstack provision}: reads and validates the input in acc-provision's order, builds
 * every requested output in memory, and writes them all only when everything succeeded.
 */
public final class Provisioner {
    static final String FLAVOR_NOT_PROVIDED = "Flavor not provided. Use -f to pass a flavor name, "
            + "--list-flavors to see a list of supported flavors";

    private final Console console;
    private final PrintWriter stdout;
    private final InputStream stdin;

    public Provisioner(Console console, PrintWriter stdout, InputStream stdin) {
        this.console = console;
        this.stdout = stdout;
        this.stdin = stdin;
    }

    /** Runs provisioning; messages go to the console. Throws with the ERR messages on failure. */
    public void run(ProvisionOptions options) throws ProvisionException {
        run(options, ApicAccess.none());
    }

    /** Runs provisioning and, with {@code -a} or {@code -d}, pushes or removes the fabric objects. */
    public void run(ProvisionOptions options, ApicAccess apic) throws ProvisionException {
        Flavor flavor = flavor(options.flavor());
        ValidatedInput validated = load(options, flavor);
        validated.warnLines().forEach(l -> console.warn(l.substring(ValidatedInput.WARN_PREFIX.length())));
        console.debug("pod families " + validated.plan().podFamilies() + ", node families "
                + validated.plan().nodeFamilies() + ", dual stack " + validated.plan().isDualStack());
        List<OutputFile> outputs = outputs(options, validated);
        OutputWriter.writeAll(outputs, console, stdout);
        if (apic.push() || apic.delete()) {
            pushToApic(options, validated, apic);
        }
        if (!ProvisionOptions.STDIO.equals(options.output())) {
            console.info("Apply infrastructure YAML using:");
            console.info("  kubectl apply -f " + Path.of(options.output()).getFileName());
        }
    }

    private void pushToApic(ProvisionOptions options, ValidatedInput validated, ApicAccess apic) throws ProvisionException {
        var aci = validated.input().aciConfig();
        io.acicni.apic.client.ApicCredentials credentials;
        if (apic.username() != null) {
            char[] password = apic.password();
            if (password == null) {
                String env = System.getenv("ACICNI_APIC_PASSWORD");
                if (env == null || env.isEmpty()) {
                    throw new ProvisionException("-u " + apic.username() + " needs a password: -p PASSWORD or ACICNI_APIC_PASSWORD");
                }
                password = env.toCharArray();
            }
            credentials = new io.acicni.apic.client.PasswordCredentials(apic.username(), password);
        } else {
            var login = aci.syncLogin();
            if (login == null || login.username() == null || login.keyfile() == null) {
                throw new ProvisionException("APIC access needs -u/-p or aci_config.sync_login.username and keyfile");
            }
            Path key = Path.of(login.keyfile());
            if (!key.isAbsolute() && !ProvisionOptions.STDIO.equals(options.config())) {
                key = Path.of(options.config()).toAbsolutePath().getParent().resolve(key);
            }
            credentials = io.acicni.apic.client.CertificateCredentials.fromFile(login.username(), key);
        }
        io.acicni.apic.client.TlsSettings tls;
        if (apic.insecure()) {
            console.warn("TLS verification of the APIC is off (--apic-insecure)");
            tls = io.acicni.apic.client.TlsSettings.insecureTrustAll();
        } else if (apic.caBundle() != null) {
            tls = io.acicni.apic.client.TlsSettings.caBundle(apic.caBundle());
        } else {
            tls = io.acicni.apic.client.TlsSettings.systemDefault();
        }
        ApicPush push = new ApicPush(console);
        var requests = FabricConfigFactory.create(validated);
        if (apic.delete()) {
            push.unprovision(aci.apicHosts(), credentials, tls, requests);
        } else {
            push.provision(aci.apicHosts(), credentials, tls, requests);
        }
    }

    static Flavor flavor(String name) throws ProvisionException {
        if (name == null || name.isEmpty()) {
            throw new ProvisionException(FLAVOR_NOT_PROVIDED);
        }
        return Flavors.find(name).orElseThrow(() -> new ProvisionException("Invalid configuration flavor: " + name));
    }

    private ValidatedInput load(ProvisionOptions options, Flavor flavor) throws ProvisionException {
        boolean fromStdin = ProvisionOptions.STDIO.equals(options.config());
        console.info("Loading configuration from \"" + (fromStdin ? "STDIN" : options.config()) + "\"");
        String yaml = fromStdin ? readStdin() : readFile(Path.of(options.config()));
        try {
            ProvisionInput input = InputReader.read(yaml, fromStdin ? "STDIN" : options.config());
            console.info("Using configuration flavor " + flavor.name());
            return InputValidator.validate(input, flavor);
        } catch (ValidationException e) {
            throw new ProvisionException(e.messages());
        }
    }

    private List<OutputFile> outputs(ProvisionOptions options, ValidatedInput validated) throws ProvisionException {
        List<OutputFile> outputs = new ArrayList<>();
        AciContainersConfig config = AciContainersConfigFactory.create(validated);
        boolean toStdout = ProvisionOptions.STDIO.equals(options.output());
        Path inputDir = ProvisionOptions.STDIO.equals(options.config()) ? null
                : Path.of(options.config()).toAbsolutePath().getParent();
        ApicCredentials credentials = CredentialsReader.read(validated.input().aciConfig(), inputDir, console);
        String namespace = AciContainersConfigFactory.SYSTEM_NAMESPACE;
        KafkaSettings kafka = KafkaSettings.of(options.kafkaCluster(),
                options.kafkaNamespace() != null ? options.kafkaNamespace() : namespace,
                options.kafkaReplicas(), options.kafkaBootstrap());
        ManifestContext ctx = new ManifestContext(validated, config, namespace, kafka, credentials, !toStdout);
        String manifests = YamlDocuments.write(SuiteManifests.build(ctx));
        if (toStdout) {
            console.warn("Secret " + ConfigManifests.CREDENTIALS_SECRET + " is written without data to stdout;"
                    + " use -o FILE to include the APIC credentials");
            outputs.add(OutputFile.stdout(manifests, "kubernetes infrastructure YAML"));
        } else {
            outputs.add(new OutputFile(Path.of(options.output()), manifests, "kubernetes infrastructure YAML"));
        }
        if (options.apicJson() != null) {
            outputs.add(new OutputFile(options.apicJson(),
                    ApicConfigText.format(FabricConfigFactory.create(validated)), "apic configuration"));
        }
        List<NodeSpec> nodes = nodes(options, validated);
        if (options.kubeadm() != null || options.installConfig() != null) {
            ServiceCidrs services = ServiceCidrs.resolve(options.serviceCidrs(), validated.plan(), validated.flavor());
            if (services.defaulted()) {
                console.info("Service CIDRs are not part of the input; using the " + validated.flavor().distribution().vmmType()
                        + " defaults " + String.join(",", services.networks()) + " (set --service-cidr v4,v6 to change)");
            } else {
                console.info("Using service CIDRs " + String.join(",", services.networks()));
            }
            if (options.kubeadm() != null) {
                if (validated.flavor().isOpenShift()) {
                    console.warn("--kubeadm is for Kubernetes flavors; " + validated.flavor().name()
                            + " is installed with install-config (--install-config)");
                }
                outputs.add(new OutputFile(options.kubeadm(),
                        KubeadmConfigFactory.create(validated.flavor(), validated.plan(), services, nodes),
                        "kubeadm configuration"));
            }
            if (options.installConfig() != null) {
                if (!validated.flavor().isOpenShift()) {
                    console.warn("--install-config is for OpenShift flavors; " + validated.flavor().name()
                            + " is not one");
                }
                InstallConfigNetworking.warnings(validated.plan()).forEach(console::warn);
                outputs.add(new OutputFile(options.installConfig(),
                        InstallConfigNetworking.create(validated.plan(), services), "install-config networking"));
            }
        }
        if (options.nodeNetwork() != null) {
            outputs.addAll(nodeNetwork(options.nodeNetwork(), nodes, validated));
        }
        return outputs;
    }

    private List<NodeSpec> nodes(ProvisionOptions options, ValidatedInput validated) throws ProvisionException {
        if (options.nodes() == null) {
            if (options.nodeNetwork() != null) {
                throw new ProvisionException("--node-network needs --nodes NODES.yaml");
            }
            return List.of();
        }
        List<NodeSpec> nodes = NodeListReader.read(readFile(options.nodes()), options.nodes().toString());
        NodeNetworkFiles.addressWarnings(nodes, validated.plan()).forEach(console::warn);
        return nodes;
    }

    private List<OutputFile> nodeNetwork(Path dir, List<NodeSpec> nodes, ValidatedInput validated)
            throws ProvisionException {
        List<String> warnings = new ArrayList<>();
        Map<String, String> files = NodeNetworkFiles.build(nodes, validated.plan(), warnings);
        warnings.forEach(console::warn);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ProvisionException("Cannot write node network files: " + dir + " is not a directory");
        }
        List<OutputFile> outputs = new ArrayList<>();
        files.forEach((name, content) -> outputs.add(new OutputFile(dir.resolve(name), content, "node network file", true)));
        return outputs;
    }

    private String readStdin() throws ProvisionException {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProvisionException("Cannot read STDIN: " + e.getMessage());
        }
    }

    private static String readFile(Path file) throws ProvisionException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ProvisionException("Cannot read " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() != null && !e.getMessage().equals(file.toString()) ? " " + e.getMessage() : ""));
        }
    }
}
