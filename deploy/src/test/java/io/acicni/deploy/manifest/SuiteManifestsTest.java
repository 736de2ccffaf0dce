package io.acicni.deploy.manifest;

import io.acicni.deploy.TestSetup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.ip.IpFamily;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteManifestsTest {
    private final List<HasMetadata> objects = SuiteManifests.build(TestSetup.context(true));

    private <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return of(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void startsWithTheNamespaceAndItsConfig() {
        assertThat(objects.get(0).getKind()).isEqualTo("Namespace");
        assertThat(objects.get(0).getMetadata().getName()).isEqualTo("aci-containers-system");
        ConfigMap config = named(ConfigMap.class, "aci-containers-config");
        AciContainersConfig read = AciContainersConfig.fromConfigMapData(config.getData());
        assertThat(read.controller().podIpPool(IpFamily.IPV6)).hasSize(1);
    }

    @Test
    void deploymentsRunTwoReplicasWithImagesFromTheRegistry() {
        for (String name : List.of("ipam-service", "apic-sync-service")) {
            Deployment deployment = named(Deployment.class, name);
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).isEqualTo(name);
            assertThat(pod.getContainers().get(0).getImage()).isEqualTo("quay.io/acicni/" + name + ":1.2.3");
            assertThat(pod.getContainers().get(0).getEnv()).anyMatch(e -> e.getName().equals("ACICNI_KAFKA_BOOTSTRAP_SERVERS")
                    && e.getValue().equals("kafka-kafka-bootstrap.kafka-ns.svc:9092"));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
        var apicSync = named(Deployment.class, "apic-sync-service").getSpec().getTemplate().getSpec();
        assertThat(apicSync.getVolumes()).anyMatch(v -> v.getSecret() != null
                && v.getSecret().getSecretName().equals("aci-dualstack-apic-credentials"));
        var ipam = named(Deployment.class, "ipam-service").getSpec().getTemplate().getSpec();
        assertThat(ipam.getVolumes()).noneMatch(v -> v.getSecret() != null);
    }

    @Test
    void everyServiceHasTheJvmOptionsAndAMemoryLimitItsHeapFollows() {
        List<io.fabric8.kubernetes.api.model.Container> containers = List.of(
                named(Deployment.class, "ipam-service").getSpec().getTemplate().getSpec().getContainers().get(0),
                named(Deployment.class, "apic-sync-service").getSpec().getTemplate().getSpec().getContainers().get(0),
                named(DaemonSet.class, "ep-writer-service").getSpec().getTemplate().getSpec().getContainers().get(0));
        for (var c : containers) {
            assertThat(c.getEnv()).as(c.getName()).anyMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS")
                    && e.getValue().equals(WorkloadManifests.jvmOptions(c.getName()))
                    && e.getValue().startsWith(WorkloadManifests.JVM_OPTIONS));
            assertThat(c.getEnv()).as(c.getName()).anyMatch(e -> e.getName().equals("MALLOC_ARENA_MAX") && "2".equals(e.getValue()));
            assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
            assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("memory", "cpu");
        }
        assertThat(WorkloadManifests.JVM_OPTIONS).contains("-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC");
    }

    @Test
    void everyServiceRunsWithC1OnlyAndIpamAndApicSyncWithASmallerYoungGeneration() {
        assertThat(WorkloadManifests.jvmOptions("ipam-service"))
                .isEqualTo(WorkloadManifests.JVM_OPTIONS + " -XX:TieredStopAtLevel=1 -XX:NewRatio=5 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20");
        assertThat(WorkloadManifests.jvmOptions("apic-sync-service"))
                .isEqualTo(WorkloadManifests.JVM_OPTIONS + " -XX:TieredStopAtLevel=1 -XX:NewRatio=8 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=1000");
        assertThat(WorkloadManifests.jvmOptions("ep-writer-service")).isEqualTo(WorkloadManifests.JVM_OPTIONS + " -XX:TieredStopAtLevel=1");
        assertThat(WorkloadManifests.memoryLimitMi("ipam-service")).isEqualTo(512);
        assertThat(WorkloadManifests.memoryLimitMi("apic-sync-service")).isEqualTo(384);
        assertThat(WorkloadManifests.memoryLimitMi("ep-writer-service")).isEqualTo(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkloadManifests.jvmOptions("nope"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void epWriterRunsOnEveryNodeWithTheOpflexDirectory() {
        DaemonSet daemonSet = named(DaemonSet.class, "ep-writer-service");
        var pod = daemonSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anyMatch(v -> v.getHostPath() != null
                && v.getHostPath().getPath().equals("/var/lib/opflex-agent-ovs"));
        assertThat(pod.getContainers().get(0).getEnv()).anyMatch(e -> e.getName().equals("NODE_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("spec.nodeName"));
        assertThat(pod.getTolerations()).anyMatch(t -> "Exists".equals(t.getOperator()));
    }

    @Test
    void epWriterSharesTheNodesNetworkSoTheCniPluginReachesIt() {
        var pod = named(DaemonSet.class, "ep-writer-service").getSpec().getTemplate().getSpec();
        // POST /cni/{node} answers loopback callers only: the plugin on the node must share the namespace
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        var container = pod.getContainers().get(0);
        assertThat(env(container, "QUARKUS_HTTP_PORT")).isEqualTo(Integer.toString(WorkloadManifests.EP_WRITER_HTTP_PORT));
        assertThat(container.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(WorkloadManifests.EP_WRITER_HTTP_PORT);
            assertThat(p.getHostPort()).isEqualTo(WorkloadManifests.EP_WRITER_HTTP_PORT);
        });
        // not a port of Cisco's host agent / controller, the kubelet, kube-proxy or node exporter
        assertThat(WorkloadManifests.EP_WRITER_HTTP_PORT).isNotIn(8080, 8090, 8091, 8190, 8191, 9100, 9612,
                10248, 10249, 10250, 10256, 10257, 10259);
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        // the Deployments keep 8080 in their own network namespace
        assertThat(env(named(Deployment.class, "ipam-service").getSpec().getTemplate().getSpec().getContainers().get(0),
                "QUARKUS_HTTP_PORT")).isEqualTo("8080");
        assertThat(named(Deployment.class, "ipam-service").getSpec().getTemplate().getSpec().getHostNetwork()).isNotEqualTo(true);
        // node checks read the node's namespace through /proc (hostNetwork), set explicitly
        assertThat(env(container, "ACICNI_EP_WRITER_NODE_CHECK_ROUTE_FILE")).isEqualTo("/proc/net/route");
        assertThat(env(container, "ACICNI_EP_WRITER_NODE_CHECK_IPV6_ROUTE_FILE")).isEqualTo("/proc/net/ipv6_route");
        assertThat(env(container, "ACICNI_EP_WRITER_NODE_CHECK_IPV6_FORWARDING_FILE"))
                .isEqualTo("/proc/sys/net/ipv6/conf/all/forwarding");
    }

    @Test
    void epWriterFilesAndStateAreOnTheNode() {
        var pod = named(DaemonSet.class, "ep-writer-service").getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        String metadataDir = env(container, "ACICNI_EP_WRITER_METADATA_DIR");
        assertThat(metadataDir).isEqualTo("/var/lib/aci-dualstack/ep-writer/{node}");
        var hostAgent = TestSetup.context(true).config().hostAgent();
        for (String dir : List.of(metadataDir.replace("{node}", "node-1"), hostAgent.opflexEndpointDir(),
                hostAgent.opflexServiceDir())) {
            assertThat(container.getVolumeMounts()).as(dir + " is on a hostPath").anyMatch(m -> {
                var volume = pod.getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst().orElseThrow();
                return volume.getHostPath() != null && volume.getHostPath().getPath().equals(m.getMountPath())
                        && !Boolean.TRUE.equals(m.getReadOnly())
                        && (dir + "/").startsWith(m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/");
            });
        }
    }

    @Test
    void apicSyncGetsTheInputsNames() throws Exception {
        String input = TestSetup.INPUT.formatted("10.1.0.1/16, 2:2:1:1::1/64", "10.2.0.1/24, 1:2:1:1::1/64",
                        "10.3.0.1/24, 1:5:1:1::1/64", "10.4.0.1/24, 1:6:1:1::1/64")
                .replace("system_id: kube", "system_id: prod-k8s\n  tenant: {name: shared-tenant}")
                .replace("vrf: {name: kube, tenant: common}", "vrf: {name: prod-vrf, tenant: net-tenant}")
                .replace("l3out: {name: l3out,", "l3out: {name: prod-l3out,");
        var validated = io.acicni.netconfig.validate.InputValidator.validate(
                io.acicni.netconfig.input.InputReader.read(input, "t.yaml"),
                io.acicni.netconfig.flavor.Flavors.find("kubernetes-1.35").orElseThrow());
        var ctx = new ManifestContext(validated, io.acicni.netconfig.derive.AciContainersConfigFactory.create(validated),
                "aci-containers-system", KafkaSettings.of("kafka", "kafka-ns", 3, null),
                new ApicCredentials("admin", "pw", null, null), false);
        var apicSync = SuiteManifests.build(ctx).stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("apic-sync-service")).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_SYSTEM_ID")).isEqualTo("prod-k8s");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_TENANT")).isEqualTo("shared-tenant");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_L3OUT_TENANT")).isEqualTo("net-tenant");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_L3OUT")).isEqualTo("prod-l3out");
    }

    @Test
    void apicSyncTenantDefaultsToTheSystemId() {
        var apicSync = named(Deployment.class, "apic-sync-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        // TestSetup.INPUT has no aci_config.tenant: the tenant is the system id
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_TENANT")).isEqualTo("kube");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_SYSTEM_ID")).isEqualTo("kube");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_L3OUT_TENANT")).isEqualTo("common");
        assertThat(env(apicSync, "ACICNI_APIC_SYNC_L3OUT")).isEqualTo("l3out");
    }

    private static String env(io.fabric8.kubernetes.api.model.Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(io.fabric8.kubernetes.api.model.EnvVar::getValue).orElse(null);
    }

    @Test
    void secretCarriesCredentialsOnlyWhenAllowed() {
        Secret withData = named(Secret.class, "aci-dualstack-apic-credentials");
        assertThat(withData.getStringData()).containsEntry("password", "pw-XYZ").containsEntry("user.key", "KEY");
        Secret without = SuiteManifests.build(TestSetup.context(false)).stream().filter(Secret.class::isInstance)
                .map(Secret.class::cast).findFirst().orElseThrow();
        assertThat(without.getStringData()).isNull();
        assertThat(YamlDocuments.write(SuiteManifests.build(TestSetup.context(false)))).doesNotContain("pw-XYZ");
    }

    @Test
    void kafkaTopicsFollowTheCatalogue() {
        List<GenericKubernetesResource> topics = of(GenericKubernetesResource.class);
        assertThat(topics).extracting(t -> t.getMetadata().getName()).containsExactly("acicni.node-addressing",
                "acicni.pod-addressing", "acicni.service-addressing", "acicni.audit", "acicni.dlq");
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getKind()).isEqualTo("KafkaTopic");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka-ns");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "kafka");
        }
        assertThat(config(topics, "acicni.pod-addressing")).containsEntry("cleanup.policy", "compact");
        assertThat(config(topics, "acicni.service-addressing")).containsEntry("cleanup.policy", "compact");
        assertThat(config(topics, "acicni.audit")).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "604800000");
        assertThat(config(topics, "acicni.dlq")).containsEntry("cleanup.policy", "delete");
        assertThat(config(topics, "acicni.service-addressing")).containsEntry("max.message.bytes", "8454144");
    }

    @Test
    void withThreeReplicasOrMoreAnAcknowledgedWriteIsOnAMajority() {
        assertThat(KafkaTopicManifests.config(io.acicni.events.topic.Topic.POD_ADDRESSING, 3)).containsEntry("min.insync.replicas", "2");
        assertThat(KafkaTopicManifests.config(io.acicni.events.topic.Topic.AUDIT, 5)).containsEntry("min.insync.replicas", "3");
        assertThat(KafkaTopicManifests.config(io.acicni.events.topic.Topic.POD_ADDRESSING, 1)).doesNotContainKey("min.insync.replicas");
        assertThat(KafkaTopicManifests.config(io.acicni.events.topic.Topic.POD_ADDRESSING, 2)).doesNotContainKey("min.insync.replicas");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> config(List<GenericKubernetesResource> topics, String name) {
        GenericKubernetesResource topic = topics.stream().filter(t -> t.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
        return (Map<String, String>) ((Map<String, Object>) topic.getAdditionalProperties().get("spec")).get("config");
    }

    @Test
    void eachServiceIsPointedAtItsOwnConfiguration() {
        var ipam = named(Deployment.class, "ipam-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(ipam.getEnv()).anyMatch(e -> e.getName().equals("ACICNI_IPAM_CONTROLLER_CONFIG")
                && e.getValue().equals(WorkloadManifests.CONFIG_DIR + "/controller.conf"));
        var apicSync = named(Deployment.class, "apic-sync-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(apicSync.getEnv()).extracting(e -> e.getName())
                .contains("ACICNI_APIC_SYNC_FABRIC_OBJECTS", "ACICNI_APIC_HOSTS", "ACICNI_APIC_SYNC_PASSWORD");
        var fabric = named(io.fabric8.kubernetes.api.model.ConfigMap.class, WorkloadManifests.FABRIC_CONFIGMAP);
        assertThat(fabric.getData().get(WorkloadManifests.FABRIC_FILE)).contains("fvBD").contains("fvSubnet");
        var epWriter = named(io.fabric8.kubernetes.api.model.apps.DaemonSet.class, "ep-writer-service")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(epWriter.getEnv()).anyMatch(e -> e.getName().equals("ACICNI_EP_WRITER_NODES") && e.getValue().equals("$(NODE_NAME)"));
    }
}
