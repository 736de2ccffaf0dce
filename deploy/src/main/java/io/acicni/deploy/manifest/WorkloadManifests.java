package io.acicni.deploy.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.acicni.netconfig.config.AciContainersConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Deployments of ipam-service and apic-sync-service (two replicas each, one leader by Lease) and
 * the ep-writer-service DaemonSet (one per node, hostPath {@code /var/lib/opflex-agent-ovs}).
 */
public final class WorkloadManifests {
    public static final String CONFIG_DIR = "/etc/aci-dualstack";
    public static final String CERT_DIR = "/usr/local/etc/aci-cert";
    public static final String OPFLEX_DIR = "/var/lib/opflex-agent-ovs";
    static final int REPLICAS = 2;
    static final int HTTP_PORT = 8080;

    private WorkloadManifests() {
    }

    static List<HasMetadata> all(ManifestContext ctx) {
        return List.of(ipam(ctx), apicSync(ctx), epWriter(ctx));
    }

    private static HasMetadata ipam(ManifestContext ctx) {
        Container container = container(ctx, Images.IPAM, List.of(configMount())).build();
        return deployment(ctx, Images.IPAM, podSpec(Images.IPAM, container, List.of(configVolume())));
    }

    private static HasMetadata apicSync(ManifestContext ctx) {
        Container container = container(ctx, Images.APIC_SYNC, List.of(configMount(),
                new VolumeMountBuilder().withName("apic-credentials").withMountPath(CERT_DIR).withReadOnly(true).build()))
                .build();
        Volume credentials = new VolumeBuilder().withName("apic-credentials")
                .withNewSecret().withSecretName(ConfigManifests.CREDENTIALS_SECRET).withDefaultMode(0400).endSecret()
                .build();
        return deployment(ctx, Images.APIC_SYNC, podSpec(Images.APIC_SYNC, container,
                List.of(configVolume(), credentials)));
    }

    private static HasMetadata epWriter(ManifestContext ctx) {
        Container container = container(ctx, Images.EP_WRITER, List.of(configMount(),
                new VolumeMountBuilder().withName("opflex-agent-ovs").withMountPath(OPFLEX_DIR).build()))
                .addToEnv(fieldEnv("NODE_NAME", "spec.nodeName"))
                .build();
        Volume opflex = new VolumeBuilder().withName("opflex-agent-ovs")
                .withNewHostPath().withPath(OPFLEX_DIR).withType("DirectoryOrCreate").endHostPath()
                .build();
        PodSpec spec = new PodSpecBuilder(podSpec(Images.EP_WRITER, container, List.of(configVolume(), opflex)))
                .withAutomountServiceAccountToken(false)
                .addNewToleration().withOperator("Exists").endToleration()
                .build();
        return new DaemonSetBuilder()
                .withNewMetadata().withName(Images.EP_WRITER).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(Images.EP_WRITER)).endMetadata()
                .withNewSpec()
                    .withNewSelector().withMatchLabels(Labels.selector(Images.EP_WRITER)).endSelector()
                    .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.component(Images.EP_WRITER)).endMetadata()
                        .withSpec(spec)
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static HasMetadata deployment(ManifestContext ctx, String name, PodSpec spec) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ctx.namespace())
                    .withLabels(Labels.component(name)).endMetadata()
                .withNewSpec()
                    .withReplicas(REPLICAS)
                    .withNewSelector().withMatchLabels(Labels.selector(name)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.component(name)).endMetadata()
                        .withSpec(spec)
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(String name, Container container, List<Volume> volumes) {
        return new PodSpecBuilder()
                .withServiceAccountName(name)
                .withContainers(container)
                .withVolumes(volumes)
                .build();
    }

    private static ContainerBuilder container(ManifestContext ctx, String name, List<VolumeMount> mounts) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("KAFKA_BOOTSTRAP_SERVERS").withValue(ctx.kafka().bootstrap()).build());
        env.add(new EnvVarBuilder().withName("ACICNI_CONFIG_DIR").withValue(CONFIG_DIR).build());
        env.add(fieldEnv("POD_NAME", "metadata.name"));
        env.add(fieldEnv("POD_NAMESPACE", "metadata.namespace"));
        return new ContainerBuilder()
                .withName(name)
                .withImage(ctx.images().image(name))
                .withImagePullPolicy("IfNotPresent")
                .withEnv(env)
                .addNewPort().withName("http").withContainerPort(HTTP_PORT).endPort()
                .withLivenessProbe(probe("/q/health/live"))
                .withReadinessProbe(probe("/q/health/ready"))
                .withVolumeMounts(mounts);
    }

    private static EnvVar fieldEnv(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
                .build();
    }

    private static Probe probe(String path) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(10)
                .build();
    }

    private static VolumeMount configMount() {
        return new VolumeMountBuilder().withName("aci-containers-config").withMountPath(CONFIG_DIR)
                .withReadOnly(true).build();
    }

    private static Volume configVolume() {
        return new VolumeBuilder().withName("aci-containers-config")
                .withNewConfigMap()
                    .withName(AciContainersConfig.CONFIGMAP_NAME)
                    .addNewItem().withKey(AciContainersConfig.CONTROLLER_KEY)
                        .withPath(AciContainersConfig.CONTROLLER_FILE).endItem()
                    .addNewItem().withKey(AciContainersConfig.HOST_AGENT_KEY)
                        .withPath(AciContainersConfig.HOST_AGENT_FILE).endItem()
                .endConfigMap()
                .build();
    }
}
