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
