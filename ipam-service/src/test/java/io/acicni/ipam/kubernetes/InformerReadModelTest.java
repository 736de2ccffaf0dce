package io.acicni.ipam.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InformerReadModelTest {
    private final KubernetesSerialization full = new KubernetesSerialization();
    private final KubernetesSerialization narrow = new KubernetesSerialization(InformerReadModel.register(new ObjectMapper()), true);

    private static ObjectMetaBuilder meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("shop").withUid("uid-" + name).withGeneration(3L)
                .withResourceVersion("42").withDeletionTimestamp("2026-11-27T06:00:00Z")
                .withLabels(Map.of("app", "web")).withAnnotations(Map.of("opflex.cisco.com/endpoint-group", "{\"name\":\"epg\"}"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update")
                        .withApiVersion("v1").withFieldsType("FieldsV1").build());
    }

    /** A pod as a real API server sends it: containers, volumes, affinity, statuses. */
    private static Pod richPod() {
        return new PodBuilder().withMetadata(meta("web-0").build())
                .withNewSpec().withNodeName("worker-1").withHostNetwork(false).withServiceAccountName("web")
                .addNewContainer().withName("app").withImage("registry/web:1").addNewEnv().withName("MODE").withValue("x").endEnv()
                .withNewResources().addToLimits("memory", new Quantity("128Mi")).endResources().endContainer()
                .addNewInitContainer().withName("init").withImage("registry/init:1").endInitContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .withNewAffinity().withNewNodeAffinity().endNodeAffinity().endAffinity()
                .addNewToleration().withKey("k").withOperator("Exists").endToleration()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.2.0.5").withHostIP("192.168.51.11")
                .addNewPodIP().withIp("10.2.0.5").endPodIP().addNewPodIP().withIp("2001:fb8:42::5").endPodIP()
                .addNewContainerStatus().withName("app").withReady(true).withRestartCount(0).endContainerStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    private <T> T readBack(T o, Class<T> type) {
        return narrow.unmarshal(full.asJson(o), type);
    }

    @Test
    void aPodKeepsWhatTheEngineReadsAndDropsTheRest() {
        Pod pod = readBack(richPod(), Pod.class);

        assertThat(pod.getMetadata().getName()).isEqualTo("web-0");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(pod.getMetadata().getUid()).isEqualTo("uid-web-0");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(pod.getMetadata().getAnnotations()).containsKey("opflex.cisco.com/endpoint-group");
        assertThat(pod.getMetadata().getDeletionTimestamp()).isEqualTo("2026-11-27T06:00:00Z");
        assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("worker-1");
        assertThat(pod.getSpec().getHostNetwork()).isFalse();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getStatus().getPodIPs()).extracting(p -> p.getIp()).containsExactly("10.2.0.5", "2001:fb8:42::5");

        assertThat(pod.getMetadata().getManagedFields()).isEmpty();
        assertThat(pod.getSpec().getContainers()).isEmpty();
        assertThat(pod.getSpec().getInitContainers()).isEmpty();
        assertThat(pod.getSpec().getVolumes()).isEmpty();
        assertThat(pod.getSpec().getTolerations()).isEmpty();
        assertThat(pod.getSpec().getAffinity()).isNull();
        assertThat(pod.getSpec().getServiceAccountName()).isNull();
        assertThat(pod.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(pod.getStatus().getContainerStatuses()).isEmpty();
        assertThat(pod.getStatus().getConditions()).isEmpty();
        assertThat(pod.getStatus().getAdditionalProperties()).isEmpty();
    }

    @Test
    void aNodeKeepsItsAddressesAndDropsImagesConditionsAndCapacity() {
        Node rich = new NodeBuilder().withMetadata(meta("worker-1").withNamespace(null).build())
                .withNewSpec().withPodCIDR("10.244.1.0/24").addNewTaint().withKey("k").withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("192.168.51.11").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("2600:1d18:f46:9605::11").endAddress()
                .addNewImage().withNames("registry/web:1").withSizeBytes(1000L).endImage()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToCapacity("cpu", new Quantity("2")).withNewNodeInfo().withKubeletVersion("v1.31").endNodeInfo()
                .endStatus().build();

        Node node = readBack(rich, Node.class);

        assertThat(node.getMetadata().getAnnotations()).containsKey("opflex.cisco.com/endpoint-group");
        assertThat(node.getStatus().getAddresses()).extracting(a -> a.getAddress())
                .containsExactly("192.168.51.11", "2600:1d18:f46:9605::11");
        assertThat(node.getSpec().getPodCIDR()).isEqualTo("10.244.1.0/24");
        assertThat(node.getSpec().getTaints()).isEmpty();
        assertThat(node.getStatus().getImages()).isEmpty();
        assertThat(node.getStatus().getConditions()).isEmpty();
        assertThat(node.getStatus().getCapacity()).isEmpty();
        assertThat(node.getStatus().getNodeInfo()).isNull();
        assertThat(node.getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void aServiceIsReadWholeButForManagedFields() {
        Service rich = new ServiceBuilder().withMetadata(meta("web").build())
                .withNewSpec().withType("LoadBalancer").withIpFamilyPolicy("PreferDualStack").withIpFamilies("IPv4", "IPv6")
                .withClusterIPs("10.96.0.10", "fd00:96::10").withLoadBalancerIP("203.0.113.10").withExternalTrafficPolicy("Local")
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withNodePort(30080).endPort().endSpec()
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp("203.0.113.10").endIngress().endLoadBalancer()
                .addNewCondition().withType("Other").withStatus("True").endCondition().endStatus().build();

        Service service = readBack(rich, Service.class);

        Service expected = new ServiceBuilder(rich).editMetadata().withManagedFields().endMetadata().build();
        assertThat(service).isEqualTo(expected);
    }

    @Test
    void writingStillSendsManagedFieldsWhenSetAndADiffOfANarrowedObjectTouchesOnlyWhatChanged() {
        // allowGetters: an object we build and send is written whole, managedFields included
        Pod built = richPod();
        assertThat(narrow.asJson(built.getMetadata())).contains("managedFields").contains("kubelet");
        // but a Pod written through it carries the read model's fields only: ipam must never create one with it
        assertThat(narrow.asJson(built)).doesNotContain("containers").doesNotContain("volumes").contains("\"nodeName\":\"worker-1\"");

        // what KubernetesWriter's edit does to a node it read: the two sides differ only in the annotation
        Node read = readBack(new NodeBuilder().withMetadata(meta("worker-1").withNamespace(null).build())
                .withNewStatus().addNewImage().withNames("big").endImage().endStatus().build(), Node.class);
        Node edited = narrow.clone(read);
        edited.getMetadata().getAnnotations().put("opflex.cisco.com/pod-network-ranges", "{}");
        assertThat(narrow.asJson(edited).replace(",\"opflex.cisco.com/pod-network-ranges\":\"{}\"", ""))
                .isEqualTo(narrow.asJson(read));
    }
}
