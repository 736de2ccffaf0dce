package io.acicni.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesApiDoubleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private KubernetesApiDouble kube;

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.close();
        }
    }

    private KubernetesClient start(CniPlugin plugin) {
        kube = KubernetesApiDouble.builder().cniPlugin(plugin).build().start();
        return kube.client();
    }

    static Node node(String name, String v4, String v6, boolean ready) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(v4).endAddress()
                .addNewAddress().withType("InternalIP").withAddress(v6).endAddress()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
        return b.build();
    }

    static Pod pod(String namespace, String name, String app, String nodeName) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName(nodeName).addNewContainer().withName("c").withImage("busybox")
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().build();
    }

    static Service service(String namespace, String name, String app, String policy, String... families) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withIpFamilyPolicy(policy)
                .withIpFamilies(families.length == 0 ? null : List.of(families))
                .addToSelector("app", app).addNewPort().withName("http").withPort(80)
                .withNewTargetPort("http").endPort().endSpec().build();
    }

    private Service serviceWithIps(KubernetesClient client, String namespace, String name) {
        return Eventually.get(WAIT, () -> {
            Service s = client.services().inNamespace(namespace).withName(name).get();
            return s != null && s.getSpec().getClusterIPs() != null && !s.getSpec().getClusterIPs().isEmpty() ? s : null;
        });
    }

    @Test
    void servicesGetClusterIpsPerPolicyAndFamilyOrder() {
        KubernetesClient client = start(null);
        client.services().resource(service("default", "single", "a", null)).create();
        client.services().resource(service("default", "single6", "a", "SingleStack", "IPv6")).create();
        client.services().resource(service("default", "prefer", "a", "PreferDualStack")).create();
        client.services().resource(service("default", "require6", "a", "RequireDualStack", "IPv6", "IPv4")).create();
        client.services().resource(new ServiceBuilder(service("default", "headless", "a", null))
                .editSpec().withClusterIP("None").endSpec().build()).create();

        Service single = serviceWithIps(client, "default", "single");
        assertThat(single.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(single.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(single.getSpec().getClusterIP()).isEqualTo(single.getSpec().getClusterIPs().get(0)).startsWith("10.96.");

        Service single6 = serviceWithIps(client, "default", "single6");
        assertThat(single6.getSpec().getClusterIPs()).hasSize(1).allMatch(ip -> ip.startsWith("fd00:96::"));

        Service prefer = serviceWithIps(client, "default", "prefer");
        assertThat(prefer.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(prefer.getSpec().getClusterIPs()).hasSize(2);

        Service require6 = serviceWithIps(client, "default", "require6");
        assertThat(require6.getSpec().getIpFamilies()).containsExactly("IPv6", "IPv4");
        assertThat(require6.getSpec().getClusterIP()).startsWith("fd00:96::");
        assertThat(require6.getSpec().getClusterIPs().get(1)).startsWith("10.96.");

        List<String> all = client.services().inNamespace("default").list().getItems().stream()
                .flatMap(s -> s.getSpec().getClusterIPs() == null ? java.util.stream.Stream.<String>empty() : s.getSpec().getClusterIPs().stream())
                .toList();
        assertThat(all).doesNotHaveDuplicates();
        Service headless = client.services().inNamespace("default").withName("headless").get();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getIpFamilies()).isNullOrEmpty();
    }

    @Test
    void clusterIpsAreThereRightAfterTheCreate() {
        KubernetesClient client = start(null);
        Service created = client.services().resource(service("default", "now", "a", "PreferDualStack", "IPv6")).create();
        assertThat(created.getSpec().getClusterIPs()).hasSize(2);
        assertThat(created.getSpec().getIpFamilies()).containsExactly("IPv6", "IPv4");
    }

    @Test
    void unservableServicesAreRefusedOrGetAWarningEventNamingTheField() {
        kube = KubernetesApiDouble.builder().serviceCidrs(ServiceCidrs.of("10.96.0.0/16")).build().start();
        KubernetesClient client = kube.client();
        assertThatThrownBy(() -> client.services().resource(service("default", "both", "a", "RequireDualStack")).create())
                .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("spec.ipFamilyPolicy");
                });
        Service taken = client.services().resource(service("default", "first", "a", null)).create();
        assertThatThrownBy(() -> client.services().resource(new ServiceBuilder(service("default", "second", "a", null))
                .editSpec().withClusterIP(taken.getSpec().getClusterIP()).endSpec().build()).create())
                .hasMessageContaining("spec.clusterIPs[0]").hasMessageContaining("already allocated");

        client.services().inNamespace("default").withName("first").edit(s -> {
            s.getSpec().setIpFamilyPolicy("RequireDualStack");
            return s;
        });
        Eventually.check(WAIT, () -> assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("first");
                    assertThat(e.getReason()).isEqualTo("ClusterIPNotAllocated");
                    assertThat(e.getMessage()).startsWith("spec.ipFamilyPolicy");
                }));
        assertThat(client.services().inNamespace("default").withName("first").get().getSpec().getClusterIPs())
                .containsExactly(taken.getSpec().getClusterIP());
    }

    @Test
    void upgradeToDualStackAddsTheOtherFamilyAndDeleteFreesTheAddresses() {
        KubernetesClient client = start(null);
        Service single = client.services().resource(service("default", "grow", "a", null)).create();
        client.services().inNamespace("default").withName("grow").edit(s -> {
            s.getSpec().setIpFamilyPolicy("PreferDualStack");
            return s;
        });
        Eventually.check(WAIT, () -> assertThat(client.services().inNamespace("default").withName("grow").get().getSpec().getClusterIPs())
                .hasSize(2).startsWith(single.getSpec().getClusterIP()));
        client.services().inNamespace("default").withName("grow").delete();
        Eventually.check(WAIT, () -> {
            Service again = null;
            try {
                again = client.services().resource(new ServiceBuilder(service("default", "again", "a", null))
                        .editSpec().withClusterIP(single.getSpec().getClusterIP()).endSpec().build()).create();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException stillTaken) {
                throw new AssertionError(stillTaken.getMessage());
            }
            assertThat(again.getSpec().getClusterIP()).isEqualTo(single.getSpec().getClusterIP());
        });
    }

    private static Map<String, EndpointSlice> slices(KubernetesClient client, String namespace, String service) {
        return client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .collect(Collectors.toMap(EndpointSlice::getAddressType, s -> s));
    }

    private static void setStatus(KubernetesClient client, String ns, String name, boolean ready, String... ips) {
        client.pods().inNamespace(ns).withName(name).editStatus(p -> new PodBuilder(p).editOrNewStatus()
                .withPhase("Running").withPodIP(ips[0]).withPodIPs(java.util.Arrays.stream(ips).map(PodIP::new).toList())
                .withConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready")
                        .withStatus(ready ? "True" : "False").build()))
                .endStatus().build());
    }

    @Test
    void endpointSlicesFollowPodsPerFamily() {
        KubernetesClient client = start(null);
        client.nodes().resource(node("n1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        client.services().resource(service("shop", "web", "web", "RequireDualStack")).create();
        client.pods().resource(pod("shop", "web-1", "web", "n1")).create();
        client.pods().resource(pod("shop", "web-2", "web", "n1")).create();
        client.pods().resource(pod("shop", "other", "other", "n1")).create();
        setStatus(client, "shop", "web-1", true, "10.2.0.5", "2001:fb8:42::5");
        setStatus(client, "shop", "web-2", false, "10.2.0.6", "2001:fb8:42::6");
        setStatus(client, "shop", "other", true, "10.2.0.7", "2001:fb8:42::7");
        String uid1 = client.pods().inNamespace("shop").withName("web-1").get().getMetadata().getUid();

        Eventually.check(WAIT, () -> {
            Map<String, EndpointSlice> slices = slices(client, "shop", "web");
            assertThat(slices).containsOnlyKeys("IPv4", "IPv6");
            EndpointSlice v4 = slices.get("IPv4");
            assertThat(v4.getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.2.0.5", "10.2.0.6");
            Endpoint first = v4.getEndpoints().get(0);
            assertThat(first.getNodeName()).isEqualTo("n1");
            assertThat(first.getTargetRef().getKind()).isEqualTo("Pod");
            assertThat(first.getTargetRef().getUid()).isEqualTo(uid1);
            assertThat(first.getConditions().getReady()).isTrue();
            assertThat(v4.getEndpoints().get(1).getConditions().getReady()).isFalse();
            assertThat(v4.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort()).isEqualTo(8080);
                assertThat(p.getName()).isEqualTo("http");
            });
            assertThat(slices.get("IPv6").getEndpoints()).extracting(e -> e.getAddresses().get(0))
                    .containsExactly("2001:fb8:42::5", "2001:fb8:42::6");
        });

        setStatus(client, "shop", "web-2", true, "10.2.0.6", "2001:fb8:42::6");
        Eventually.check(WAIT, () -> assertThat(slices(client, "shop", "web").get("IPv6").getEndpoints())
                .allMatch(e -> e.getConditions().getReady()));

        client.pods().inNamespace("shop").withName("web-1").delete();
        Eventually.check(WAIT, () -> {
            Map<String, EndpointSlice> slices = slices(client, "shop", "web");
            assertThat(slices.get("IPv4").getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.2.0.6");
            assertThat(slices.get("IPv6").getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("2001:fb8:42::6");
        });

        client.services().inNamespace("shop").withName("web").delete();
        Eventually.check(WAIT, () -> assertThat(slices(client, "shop", "web")).isEmpty());
    }

    @Test
    void singleStackServiceHasOneSlice() {
        KubernetesClient client = start(null);
        client.services().resource(service("shop", "db", "db", "SingleStack", "IPv6")).create();
        client.pods().resource(pod("shop", "db-1", "db", "n1")).create();
        setStatus(client, "shop", "db-1", true, "10.2.0.9", "2001:fb8:42::9");
        Eventually.check(WAIT, () -> {
            Map<String, EndpointSlice> slices = slices(client, "shop", "db");
            assertThat(slices).containsOnlyKeys("IPv6");
            assertThat(slices.get("IPv6").getEndpoints()).singleElement()
                    .satisfies(e -> assertThat(e.getAddresses()).containsExactly("2001:fb8:42::9"));
        });
    }

    @Test
    void podsWithoutNodeAreScheduledRoundRobinOverReadyNodes() {
        KubernetesClient client = start(null);
        client.nodes().resource(node("n2", "192.168.51.12", "2600:1d18:f46:9605::12", true)).create();
        client.nodes().resource(node("n1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        client.nodes().resource(node("n3", "192.168.51.13", "2600:1d18:f46:9605::13", false)).create();
        Eventually.check(WAIT, () -> assertThat(client.nodes().list().getItems()).hasSize(3));
        for (int i = 0; i < 4; i++) {
            client.pods().resource(pod("default", "p" + i, "x", null)).create();
            int n = i;
            Eventually.check(WAIT, () -> assertThat(client.pods().inNamespace("default").withName("p" + n).get().getSpec().getNodeName()).isNotNull());
        }
        List<String> placed = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> client.pods().inNamespace("default").withName("p" + i).get().getSpec().getNodeName()).toList();
        assertThat(placed).containsExactly("n1", "n2", "n1", "n2"); // name order, the not-Ready n3 skipped
        client.nodes().withName("n3").editStatus(n -> {
            n.getStatus().getConditions().get(0).setStatus("True");
            return n;
        });
        Eventually.check(WAIT, () -> assertThat(kube.client().nodes().withName("n3").get().getStatus().getConditions().get(0).getStatus()).isEqualTo("True"));
        for (int i = 4; i < 7; i++) {
            client.pods().resource(pod("default", "p" + i, "x", null)).create();
            int n = i;
            Eventually.check(WAIT, () -> assertThat(client.pods().inNamespace("default").withName("p" + n).get().getSpec().getNodeName()).isNotNull());
        }
        List<String> after = java.util.stream.IntStream.range(4, 7)
                .mapToObj(i -> client.pods().inNamespace("default").withName("p" + i).get().getSpec().getNodeName()).toList();
        assertThat(after).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    @Test
    void kubeletSetsPodIpsFromTheCniPluginPrimaryFamilyFirstAndDeletesSandboxes() {
        FakeCniPlugin cni = new FakeCniPlugin(true);
        KubernetesClient client = start(cni);
        client.nodes().resource(node("node-1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        client.nodes().resource(new NodeBuilder(node("node-2", "x", "y", true)).editStatus().withAddresses(
                new io.fabric8.kubernetes.api.model.NodeAddress("2600:1d18:f46:9605::12", "InternalIP"),
                new io.fabric8.kubernetes.api.model.NodeAddress("192.168.51.12", "InternalIP")).endStatus().build()).create();
        cni.failuresLeft.put("a", 2);
        client.pods().resource(pod("default", "a", "x", "node-1")).create();
        client.pods().resource(pod("default", "b", "x", "node-2")).create();

        Pod a = Eventually.get(WAIT, () -> running(client, "a"));
        // the fake answers IPv6 first; node-1 is IPv4-primary, so IPv4 comes first
        List<String> aIps = a.getStatus().getPodIPs().stream().map(PodIP::getIp).toList();
        assertThat(aIps).hasSize(2);
        assertThat(aIps.get(0)).matches("10\\.2\\.1\\.\\d+");
        assertThat(aIps.get(1)).startsWith("2001:fb8:42:1::");
        assertThat(a.getStatus().getPodIP()).isEqualTo(aIps.get(0));
        assertThat(a.getStatus().getHostIP()).isEqualTo("192.168.51.11");
        Pod b = Eventually.get(WAIT, () -> running(client, "b"));
        assertThat(IpFamilies.ofText(b.getStatus().getPodIPs().get(0).getIp())).as("node-2 is IPv6-primary").isEqualTo("IPv6");
        assertThat(b.getStatus().getPodIPs()).hasSize(2);

        List<FakeCniPlugin.Call> adds = cni.calls("ADD").stream().filter(c -> c.name().equals("a")).toList();
        assertThat(adds).hasSize(3);
        FakeCniPlugin.Call add = adds.get(2);
        assertThat(add.node()).isEqualTo("node-1");
        assertThat(add.uid()).isEqualTo(a.getMetadata().getUid());
        assertThat(add.containerId()).matches("[0-9a-f]{64}");
        assertThat(add.ifName()).isEqualTo("eth0");
        assertThat(add.netns()).startsWith("/var/run/netns/");
        assertThat(kube.containerIds()).containsEntry(a.getMetadata().getUid(), add.containerId());

        client.pods().inNamespace("default").withName("a").delete();
        Eventually.check(WAIT, () -> assertThat(cni.calls("DEL")).singleElement().satisfies(del -> {
            assertThat(del.containerId()).isEqualTo(add.containerId());
            assertThat(del.node()).isEqualTo("node-1");
        }));
    }

    @Test
    void kubeletWritesEachPodsStatusWithOneMergePatchAndNoGet() {
        kube = KubernetesApiDouble.builder().cniPlugin(new FakeCniPlugin(false)).requestLogDrain(Duration.ZERO).build().start();
        KubernetesClient client = kube.client();
        client.nodes().resource(node("node-1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        List<String> names = List.of("a", "b", "c");
        for (String name : names) {
            client.pods().resource(pod("default", name, "x", "node-1")).create();
        }
        for (String name : names) {
            Pod p = client.pods().inNamespace("default").withName(name).waitUntilCondition(
                    x -> x != null && x.getStatus() != null && "Running".equals(x.getStatus().getPhase()), 10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(p.getStatus().getStartTime()).isNotNull();
            assertThat(p.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                    .containsExactly("PodScheduled=True", "Initialized=True", "ContainersReady=True", "Ready=True");
            assertThat(p.getStatus().getHostIP()).isEqualTo("192.168.51.11");
            assertThat(p.getStatus().getPodIP()).isEqualTo(p.getStatus().getPodIPs().get(0).getIp()).startsWith("10.2.1.");
        }
        List<io.fabric8.mockwebserver.http.RecordedRequest> requests = kube.takeRecordedRequests();
        for (String name : names) {
            String pod = "/api/v1/namespaces/default/pods/" + name;
            List<io.fabric8.mockwebserver.http.RecordedRequest> toPod = requests.stream().filter(r -> {
                String path = r.getPath().replaceAll("\\?.*", "");
                return path.equals(pod) || path.startsWith(pod + "/");
            }).toList();
            assertThat(toPod).as("requests to pod " + name).singleElement().satisfies(r -> {
                assertThat(r.method().name() + " " + r.getPath()).isEqualTo("PATCH " + pod + "/status");
                // (the body was consumed by the dispatcher; its uid precondition has its own test below)
                assertThat(r.getHeader("Content-Type")).startsWith("application/merge-patch+json");
            });
        }
    }

    /**
     * Whichever way the kubelet learns of it (the delete event while ADD runs, or the status
     * patch's uid precondition, 409, when the event comes later: the test below pins that one),
     * the re-created pod never gets the first sandbox's addresses.
     */
    @Test
    void aPodReplacedDuringItsCniAddGetsItsOwnSandboxNeverTheOldOnesAddresses() {
        FakeCniPlugin fake = new FakeCniPlugin(false);
        java.util.concurrent.atomic.AtomicReference<KubernetesClient> api = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean replaced = new java.util.concurrent.atomic.AtomicBoolean();
        CniPlugin replacing = new CniPlugin() {
            @Override
            public List<CniAddress> add(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
                List<CniAddress> out = fake.add(node, namespace, name, uid, containerId, ifName, netns);
                if (replaced.compareAndSet(false, true)) {
                    // same name, new uid, before the kubelet writes the first pod's status
                    api.get().pods().inNamespace(namespace).withName(name).delete();
                    api.get().pods().resource(pod(namespace, name, "x", node)).create();
                }
                return out;
            }

            @Override
            public void del(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
                fake.del(node, namespace, name, uid, containerId, ifName, netns);
            }
        };
        KubernetesClient client = start(replacing);
        api.set(client);
        client.nodes().resource(node("node-1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        String firstUid = client.pods().resource(pod("default", "a", "x", "node-1")).create().getMetadata().getUid();

        Pod a = Eventually.get(WAIT, () -> running(client, "a"));
        assertThat(a.getMetadata().getUid()).isNotEqualTo(firstUid);
        List<FakeCniPlugin.Call> adds = fake.calls("ADD");
        assertThat(adds).extracting(FakeCniPlugin.Call::uid).containsExactly(firstUid, a.getMetadata().getUid());
        // the first ADD got 10.2.1.1, the second 10.2.1.2
        assertThat(a.getStatus().getPodIPs()).extracting(PodIP::getIp).containsExactly("10.2.1.2", "2001:fb8:42:1::2");
        Eventually.check(WAIT, () -> assertThat(fake.calls("DEL")).extracting(FakeCniPlugin.Call::containerId)
                .contains(adds.get(0).containerId()));
        assertThat(kube.containerIds()).containsOnlyKeys(a.getMetadata().getUid());
    }

    @Test
    void theKubeletsStatusPatchIsRefusedWith409ForAPodReplacedUnderTheSameName() {
        KubernetesClient client = start(null);
        String oldUid = client.pods().resource(pod("default", "a", "x", "node-1")).create().getMetadata().getUid();
        client.pods().inNamespace("default").withName("a").delete();
        Pod replacement = client.pods().resource(pod("default", "a", "x", "node-1")).create();
        var status = client.pods().inNamespace("default").withName("a").subresource("status");
        var mergePatch = io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE);

        assertThatThrownBy(() -> status.patch(mergePatch,
                PodStatusPatch.running(oldUid, List.of("10.2.1.1"), "192.168.51.11", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")))
                .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("Precondition failed: UID in precondition: " + oldUid);
                });
        Pod after = client.pods().inNamespace("default").withName("a").get();
        assertThat(after.getStatus() == null ? List.of() : after.getStatus().getPodIPs()).isEmpty();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(replacement.getMetadata().getResourceVersion());

        Pod patched = status.patch(mergePatch, PodStatusPatch.running(replacement.getMetadata().getUid(), List.of("10.2.1.2"),
                "192.168.51.11", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"));
        assertThat(patched.getStatus().getPodIP()).isEqualTo("10.2.1.2");
        assertThat(patched.getStatus().getStartTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(patched.getMetadata().getUid()).isEqualTo(replacement.getMetadata().getUid());
    }

    @Test
    void hostNetworkPodsGetTheNodeAddressesWithoutCni() {
        FakeCniPlugin cni = new FakeCniPlugin(false);
        KubernetesClient client = start(cni);
        client.nodes().resource(node("node-1", "192.168.51.11", "2600:1d18:f46:9605::11", true)).create();
        client.pods().resource(new PodBuilder(pod("default", "agent", "x", "node-1")).editSpec().withHostNetwork(true).endSpec().build()).create();
        Pod agent = Eventually.get(WAIT, () -> running(client, "agent"));
        assertThat(agent.getStatus().getPodIPs()).extracting(PodIP::getIp).containsExactly("192.168.51.11", "2600:1d18:f46:9605::11");
        assertThat(cni.calls).isEmpty();
    }

    private static Pod running(KubernetesClient client, String name) {
        Pod p = client.pods().inNamespace("default").withName(name).get();
        return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) ? p : null;
    }

    @Test
    void loaderAppliesTheSampleClusterAndTheControllersServeIt() {
        FakeCniPlugin cni = new FakeCniPlugin(false);
        KubernetesClient client = start(cni);
        List<HasMetadata> applied = new ClusterLoader(client).applySample();
        assertThat(applied).extracting(HasMetadata::getKind).startsWith("Node", "Node", "Node", "Namespace");
        assertThat(client.nodes().list().getItems()).hasSize(3);
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName()).contains("web", "shop");

        Eventually.check(WAIT, () -> {
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
            assertThat(pods).hasSize(12).allSatisfy(p -> {
                assertThat(p.getSpec().getNodeName()).isIn("node-1", "node-2", "node-3");
                assertThat(p.getStatus()).isNotNull();
                assertThat(p.getStatus().getPodIPs()).hasSize(2);
            });
            assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);
        });
        Service staticLb = serviceWithIps(client, "web", "web-static");
        assertThat(staticLb.getMetadata().getAnnotations()).containsEntry("opflex.cisco.com/lb-ipam-ips", "10.4.0.10,2001:5ab8:43::10");
        assertThat(serviceWithIps(client, "shop", "db").getSpec().getIpFamilies()).containsExactly("IPv6");
        assertThat(serviceWithIps(client, "shop", "shop").getSpec().getIpFamilies()).containsExactly("IPv6", "IPv4");
        assertThat(serviceWithIps(client, "web", "api").getSpec().getClusterIPs()).hasSize(2);
        assertThat(serviceWithIps(client, "web", "web").getSpec().getType()).isEqualTo("ClusterIP");
        Eventually.check(WAIT, () -> assertThat(slices(client, "web", "web").get("IPv4").getEndpoints()).hasSize(4));

        // applying again replaces instead of failing, and the Services keep their cluster IPs
        List<String> apiIps = serviceWithIps(client, "web", "api").getSpec().getClusterIPs();
        assertThat(new ClusterLoader(client).applySample()).hasSize(applied.size());
        Eventually.check(WAIT, () -> assertThat(client.services().inNamespace("web").withName("api").get().getSpec().getClusterIPs())
                .isEqualTo(apiIps));
    }

    @Test
    void loaderNamesTheBrokenDocument() {
        KubernetesClient client = start(null);
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  namespace: ok\nspec: {}\n";
        assertThatThrownBy(() -> new ClusterLoader(client).apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"))
                .hasMessageContaining("test.yaml document 2").hasMessageContaining("metadata.name");
    }

    @Test
    void kubeconfigPointsAtTheServer() throws Exception {
        start(null);
        Path file = Files.createTempDirectory("kube-double").resolve("kubeconfig");
        kube.writeKubeconfig(file);
        String text = Files.readString(file);
        assertThat(text).contains("server: " + kube.url()).contains("current-context: aci-dualstack-double");
        assertThat(kube.url()).startsWith("http://127.0.0.1:");
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(text);
        try (KubernetesClient other = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            other.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("via-kubeconfig").endMetadata().build()).create();
        }
        assertThat(kube.client().namespaces().withName("via-kubeconfig").get()).isNotNull();
        assertThat(Objects.requireNonNull(config.getMasterUrl())).startsWith(kube.url());
    }

    @Test
    void theMockServersRequestLogIsEmptiedSoALongRunDoesNotKeepEveryRequest() {
        KubernetesClient client = start(null);
        for (int i = 0; i < 200; i++) {
            client.configMaps().inNamespace("default").withName("none-" + i).get();
        }
        // the 200 gets are recorded, then dropped by the periodic drain (the controllers' own
        // requests are few: they watch)
        Eventually.check(WAIT, () -> assertThat(kube.recordedRequests()).isLessThan(100));
    }
}
