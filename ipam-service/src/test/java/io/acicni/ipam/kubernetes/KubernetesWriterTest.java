package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.engine.LbCondition;
import io.acicni.testkit.kube.KubernetesApiDouble;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes themselves, against the Kubernetes API double (which checks a patch's uid as a real API
 * server does). Since writes may be retried seconds after they were decided (KubernetesWriteBack),
 * each one applies only to the object it was decided for, never to one re-created under its name.
 */
class KubernetesWriterTest {
    private static KubernetesApiDouble kube;
    private static KubernetesClient client;
    private static KubernetesClient writersClient;
    private static KubernetesWriter writer;
    /** Every request the writer's client sends, as "METHOD path". */
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    /** What the writer's informer would hold: node name to uid. */
    private static final Map<String, String> informer = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        kube = KubernetesApiDouble.builder().scheduler(false).build().start();
        client = kube.client();
        writersClient = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        requests.add(request.method() + " " + request.uri().getPath());
                    }
                })).build();
        writer = new KubernetesWriter(writersClient, "ipam-service", Clock.systemUTC(), n -> Optional.ofNullable(informer.get(n)));
    }

    @AfterAll
    static void stop() {
        if (writersClient != null) {
            writersClient.close();
        }
        if (kube != null) {
            kube.close();
        }
    }

    /** One call, and no read: the generated RBAC grants ipam {@code patch} of nodes and no {@code get}. */
    @Test
    void annotatingANodeIsOnePatchAndNoRead() {
        Node n = node("w-one");
        requests.clear();
        assertThat(writer.annotate(new Changes.NodeAnnotations("w-one", n.getMetadata().getUid(), Map.of("a", "b")))).isTrue();
        assertThat(requests).containsExactly("PATCH /api/v1/nodes/w-one");
    }

    private static Node node(String name) {
        Node n = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToAnnotations("example.com/owner", "team-edge").endMetadata().build()).create();
        informer.put(name, n.getMetadata().getUid());
        return n;
    }

    private static Service loadBalancer(String name) {
        return client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName(name)
                .withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer")
                .addNewPort().withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();
    }

    @Test
    void annotationsAreMergedIntoTheNodesOwnAndLeaveTheOthers() {
        Node n = node("w-merge");
        assertThat(writer.annotate(new Changes.NodeAnnotations("w-merge", n.getMetadata().getUid(),
                Map.of("opflex.cisco.com/pod-network-ranges", "{\"V4\":[]}")))).isTrue();
        assertThat(client.nodes().withName("w-merge").get().getMetadata().getAnnotations())
                .containsEntry("example.com/owner", "team-edge")
                .containsEntry("opflex.cisco.com/pod-network-ranges", "{\"V4\":[]}");
    }

    @Test
    void annotationsDecidedForANodeNeverLandOnOneReCreatedUnderItsName() {
        Node old = node("w-again");
        client.nodes().withName("w-again").delete();
        await(() -> client.nodes().withName("w-again").get() == null);
        Node fresh = node("w-again");
        assertThat(fresh.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());

        Changes.NodeAnnotations stale = new Changes.NodeAnnotations("w-again", old.getMetadata().getUid(),
                Map.of("opflex.cisco.com/pod-network-ranges", "{\"V4\":[{\"start\":\"10.2.0.2\",\"end\":\"10.2.0.33\"}]}"));
        // while the informer still shows the old node, the refusal is a failure to try again
        informer.put("w-again", old.getMetadata().getUid());
        assertThat(writer.annotate(stale)).as("refused for a reason the writer cannot see: tried again").isFalse();
        // once it shows the new one, the write is moot
        informer.put("w-again", fresh.getMetadata().getUid());
        assertThat(writer.annotate(stale)).as("moot, so not retried").isTrue();
        assertThat(client.nodes().withName("w-again").get().getMetadata().getAnnotations())
                .doesNotContainKey("opflex.cisco.com/pod-network-ranges");
    }

    /** A Kubernetes API server refuses a patch that changes metadata.uid with 422 (field is immutable). */
    @Test
    void aRealApiServersRefusalOfAStaleUidIsRecognisedToo() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        server.expect().patch().withPath("/api/v1/nodes/w-422").andReturn(422, new StatusBuilder().withKind("Status")
                .withStatus("Failure").withCode(422).withReason("Invalid")
                .withMessage("Node \"w-422\" is invalid: metadata.uid: Invalid value: \"old-uid\": field is immutable").build()).always();
        try (KubernetesClient mock = server.createClient()) {
            Changes.NodeAnnotations stale = new Changes.NodeAnnotations("w-422", "old-uid", Map.of("a", "b"));
            assertThat(new KubernetesWriter(mock, "ipam-service", Clock.systemUTC(), n -> Optional.of("new-uid")).annotate(stale))
                    .as("the informer knows the node under another uid: moot").isTrue();
            assertThat(new KubernetesWriter(mock, "ipam-service", Clock.systemUTC(), n -> Optional.of("old-uid")).annotate(stale))
                    .as("the informer still knows it under this uid: tried again").isFalse();
        } finally {
            server.destroy();
        }
    }

    @Test
    void aLoadBalancerStatusDecidedForAServiceNeverLandsOnOneReCreatedUnderItsName() {
        Service old = loadBalancer("web-again");
        client.services().inNamespace("default").withName("web-again").delete();
        await(() -> client.services().inNamespace("default").withName("web-again").get() == null);
        loadBalancer("web-again");
        LbCondition ok = new LbCondition("True", "Success", "allocated");

        boolean done = writer.status(new Changes.ServiceStatus("default", "web-again", old.getMetadata().getUid(),
                List.of("10.3.0.2"), ok));
        assertThat(done).as("moot, so not retried").isTrue();
        Service now = client.services().inNamespace("default").withName("web-again").get();
        assertThat(now.getStatus() == null || now.getStatus().getLoadBalancer() == null
                || now.getStatus().getLoadBalancer().getIngress() == null
                || now.getStatus().getLoadBalancer().getIngress().isEmpty()).as("no ingress on the new Service").isTrue();

        assertThat(writer.status(new Changes.ServiceStatus("default", "web-again", now.getMetadata().getUid(), List.of("10.3.0.3"), ok)))
                .isTrue();
        assertThat(client.services().inNamespace("default").withName("web-again").get().getStatus().getLoadBalancer().getIngress())
                .extracting(i -> i.getIp()).containsExactly("10.3.0.3");
    }

    @Test
    void aWriteToAnObjectThatIsGoneIsDone() {
        assertThat(writer.annotate(new Changes.NodeAnnotations("w-never", "uid-x", Map.of("a", "b")))).isTrue();
        assertThat(writer.status(new Changes.ServiceStatus("default", "never", "uid-y", List.of(), null))).isTrue();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }
}
