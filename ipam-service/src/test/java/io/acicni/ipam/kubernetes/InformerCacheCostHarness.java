package io.acicni.ipam.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: what ipam's pod cache costs per pod with fabric8's whole model and with
 * {@link InformerReadModel}. Deserialises {@code acicni.bench.pods} (10,000) copies of a pod as a
 * real API server sends one for a small Deployment replica (two containers with env, resources,
 * probes and mounts, three volumes, tolerations, conditions, container statuses, managedFields;
 * 4.4 KB of JSON), keeps them, and reports heap retained per pod (after GC) and thread CPU per
 * deserialisation (after a warm-up of the same count).
 *
 * <p>Run: {@code ./mvnw -B -ntp -pl ipam-service -am verify -Dacicni.bench=true
 * -Dtest=InformerCacheCostHarness -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * -DargLine=-XX:TieredStopAtLevel=1} (C1 only, as the service runs).
 */
@EnabledIfSystemProperty(named = "acicni.bench", matches = "true")
public class InformerCacheCostHarness {
    static final int PODS = Integer.getInteger("acicni.bench.pods", 10_000);

    @Test
    void measure() {
        String json = new KubernetesSerialization().asJson(replica());
        System.out.printf("pod JSON: %,d bytes; %,d pods kept%n", json.length(), PODS);
        for (int round = 0; round < 2; round++) {
            report("whole model", new KubernetesSerialization(), json);
            report("read model", new KubernetesSerialization(InformerReadModel.register(new ObjectMapper()), true), json);
        }
    }

    private static void report(String label, KubernetesSerialization serialization, String json) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Pod> warm = fill(serialization, json);
        warm.clear();
        long heapBefore = usedAfterGc();
        long cpu = threads.getCurrentThreadCpuTime();
        List<Pod> kept = fill(serialization, json);
        long cpuNs = threads.getCurrentThreadCpuTime() - cpu;
        long heapAfter = usedAfterGc();
        System.out.printf("%-12s %,8d bytes retained per pod  %,7.1f µs CPU per pod (%d kept)%n", label,
                (heapAfter - heapBefore) / kept.size(), cpuNs / 1_000.0 / kept.size(), kept.size());
    }

    private static List<Pod> fill(KubernetesSerialization serialization, String json) {
        List<Pod> pods = new ArrayList<>(PODS);
        for (int i = 0; i < PODS; i++) {
            // distinct strings per pod, as each watch event's are
            pods.add(serialization.unmarshal(json.replace("web-7d9c8", "web-" + i), Pod.class));
        }
        return pods;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A Deployment replica as the API server returns it after the kubelet's status update. */
    static Pod replica() {
        FieldsV1 kubeletFields = new FieldsV1();
        kubeletFields.setAdditionalProperty("f:status", Map.of(
                "f:conditions", Map.of("k:{\"type\":\"Ready\"}", Map.of(".", Map.of(), "f:lastTransitionTime", Map.of(), "f:status", Map.of())),
                "f:containerStatuses", Map.of(), "f:hostIP", Map.of(), "f:phase", Map.of(), "f:podIP", Map.of(),
                "f:podIPs", Map.of(".", Map.of(), "k:{\"ip\":\"10.2.0.5\"}", Map.of(".", Map.of(), "f:ip", Map.of())),
                "f:startTime", Map.of()));
        FieldsV1 controllerFields = new FieldsV1();
        controllerFields.setAdditionalProperty("f:metadata", Map.of(
                "f:generateName", Map.of(), "f:labels", Map.of(".", Map.of(), "f:app", Map.of(), "f:pod-template-hash", Map.of()),
                "f:ownerReferences", Map.of(".", Map.of(), "k:{\"uid\":\"3f1c\"}", Map.of())));
        controllerFields.setAdditionalProperty("f:spec", Map.of(
                "f:containers", Map.of("k:{\"name\":\"app\"}", Map.of(".", Map.of(), "f:env", Map.of(), "f:image", Map.of(),
                        "f:livenessProbe", Map.of(), "f:name", Map.of(), "f:ports", Map.of(), "f:resources", Map.of())),
                "f:dnsPolicy", Map.of(), "f:restartPolicy", Map.of(), "f:volumes", Map.of()));
        return new PodBuilder()
                .withNewMetadata().withName("web-7d9c8-abcde").withGenerateName("web-7d9c8-").withNamespace("shop")
                .withUid("6a0e4b8e-2c3d-4f5a-9b6c-web-7d9c8").withResourceVersion("1234567").withCreationTimestamp("2026-11-27T06:00:00Z")
                .addToLabels("app", "web").addToLabels("pod-template-hash", "7d9c8")
                .addToAnnotations("kubectl.kubernetes.io/restartedAt", "2026-11-27T05:00:00Z")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-7d9c8").withUid("3f1c")
                .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager").withOperation("Update")
                        .withApiVersion("v1").withTime("2026-11-27T06:00:00Z").withFieldsType("FieldsV1").withFieldsV1(controllerFields).build())
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").withOperation("Update").withSubresource("status")
                        .withApiVersion("v1").withTime("2026-11-27T06:00:02Z").withFieldsType("FieldsV1").withFieldsV1(kubeletFields).build())
                .endMetadata()
                .withNewSpec().withNodeName("worker-17").withServiceAccountName("web").withRestartPolicy("Always")
                .withDnsPolicy("ClusterFirst").withSchedulerName("default-scheduler").withTerminationGracePeriodSeconds(30L)
                .addNewContainer().withName("app").withImage("registry.example.com/shop/web:1.42.0").withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .addNewEnv().withName("MODE").withValue("production").endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity("256Mi")).endResources()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withNewPort(8080).endHttpGet().withPeriodSeconds(10).endLivenessProbe()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet().withPeriodSeconds(5).endReadinessProbe()
                .addNewVolumeMount().withName("config").withMountPath("/etc/web").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("kube-api-access").withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).endVolumeMount()
                .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("File")
                .endContainer()
                .addNewContainer().withName("proxy").withImage("registry.example.com/mesh/proxy:1.20").withImagePullPolicy("IfNotPresent")
                .addNewPort().withName("admin").withContainerPort(15000).withProtocol("TCP").endPort()
                .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi")).endResources()
                .addNewVolumeMount().withName("kube-api-access").withMountPath("/var/run/secrets/kubernetes.io/serviceaccount").withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("web-config").withDefaultMode(420).endConfigMap().endVolume()
                .addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("kube-api-access").withNewProjected().withDefaultMode(420)
                .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).withPath("token").endServiceAccountToken().endSource()
                .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem().endConfigMap().endSource()
                .endProjected().endVolume()
                .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
                .addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
                .endSpec()
                .withNewStatus().withPhase("Running").withHostIP("192.168.51.17").withPodIP("10.2.0.5").withStartTime("2026-11-27T06:00:01Z")
                .withQosClass("Burstable")
                .addNewPodIP().withIp("10.2.0.5").endPodIP().addNewPodIP().withIp("2001:fb8:42::5").endPodIP()
                .addNewCondition().withType("Initialized").withStatus("True").withLastTransitionTime("2026-11-27T06:00:01Z").endCondition()
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-11-27T06:00:02Z").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("True").withLastTransitionTime("2026-11-27T06:00:02Z").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime("2026-11-27T06:00:00Z").endCondition()
                .addNewContainerStatus().withName("app").withReady(true).withStarted(true).withRestartCount(0)
                .withImage("registry.example.com/shop/web:1.42.0").withImageID("registry.example.com/shop/web@sha256:0123456789abcdef")
                .withContainerID("containerd://0123456789abcdef").withNewState().withNewRunning().withStartedAt("2026-11-27T06:00:01Z").endRunning().endState()
                .endContainerStatus()
                .addNewContainerStatus().withName("proxy").withReady(true).withStarted(true).withRestartCount(0)
                .withImage("registry.example.com/mesh/proxy:1.20").withImageID("registry.example.com/mesh/proxy@sha256:fedcba9876543210")
                .withContainerID("containerd://fedcba9876543210").withNewState().withNewRunning().withStartedAt("2026-11-27T06:00:01Z").endRunning().endState()
                .endContainerStatus()
                .endStatus().build();
    }
}
