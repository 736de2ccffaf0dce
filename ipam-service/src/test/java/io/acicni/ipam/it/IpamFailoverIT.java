package io.acicni.ipam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.IpRange;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeAddressing.PodNetworkRanges;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.PodKey;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.engine.NodeAnnotationCodec;
import io.acicni.testkit.kafka.EmbeddedKafka;
import io.acicni.testkit.kafka.TopicProbe;
import io.acicni.testkit.kafka.TopicProbe.Seen;
import io.acicni.testkit.kube.KubernetesApiDouble;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Failover of ipam-service with real processes: two replicas ({@code java -jar quarkus-run.jar})
 * compete for the Lease on the Kubernetes API double, publish to a real embedded broker of their own,
 * and the leader is killed with SIGKILL while pods stream in. Proves that the standby takes over within
 * a bound derived from the lease duration, that no pod's addresses change and no address is handed out
 * twice across the change of leader (read from the committed records of {@code acicni.pod-addressing}
 * and from the node annotations), and that a fresh replica restarting on existing annotations and
 * records reassigns nothing.
 *
 * <p>Not a {@code @QuarkusTest}: failsafe runs it after {@code package}, so the runnable jar exists.
 * Each replica's output goes to {@code target/failover-it/<replica>.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IpamFailoverIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Path CONTROLLER_CONFIG = Path.of("src", "test", "resources", "controller.conf").toAbsolutePath();
    private static final Path WORK = Path.of("target", "failover-it").toAbsolutePath();

    private static final String LEASE_NAMESPACE = "default";
    private static final String LEASE_NAME = "acicni-ipam-leader";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(6);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(4);
    private static final Duration RETRY_PERIOD = Duration.ofMillis(500);
    /** The standby must hold the lease this soon after the leader died (lease + slack for a slow, shared machine). */
    private static final Duration TAKEOVER_BOUND = LEASE_DURATION.plusSeconds(20);
    /** Start of a JVM, restore, a batch of records: the machine is slow and shared. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static final String NAMESPACE = "failover";
    private static final List<String> NODES = List.of("fo-node-1", "fo-node-2", "fo-node-3");
    private static final int PODS_BEFORE_KILL = 20;
    private static final int PODS_AFTER_TAKEOVER = 15;
    private static final Duration POD_INTERVAL = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final Thread reaper = new Thread(this::destroyReplicas, "failover-it-reaper");
    private EmbeddedKafka kafka;
    private KubernetesApiDouble kube;
    private KubernetesClient client;
    private Path kubeconfig;
    private TopicProbe probe;

    /** Pods created by the stream, in creation order. */
    private final List<CreatedPod> created = new CopyOnWriteArrayList<>();
    /** Set by the first test for the second: what the cluster looked like when the failover was done. */
    private Map<String, List<PodAddress>> addressesAfterFailover;
    private Map<String, Map<String, String>> annotationsAfterFailover;
    private String survivor;

    record CreatedPod(String name, String uid, String node) {
        String key() {
            return PodKey.of(node, uid);
        }
    }

    @BeforeAll
    void start() throws IOException {
        assertThat(JAR).as("the runnable jar (failsafe runs after package)").exists();
        Files.createDirectories(WORK);
        Runtime.getRuntime().addShutdownHook(reaper); // no orphan JVMs even if this JVM is stopped
        // a broker of its own: the other ITs' records and transactional producer stay out of this test
        kafka = EmbeddedKafka.start();
        probe = new TopicProbe(kafka.bootstrapServers());
        kube = KubernetesApiDouble.builder().build().start();
        client = kube.client();
        kubeconfig = kube.writeKubeconfig(WORK.resolve("kubeconfig"));
    }

    @AfterAll
    void stop() {
        try {
            destroyReplicas();
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        } finally {
            if (kube != null) {
                kube.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    @Order(1)
    void leaderKilledMidStreamStandbyTakesOverWithoutReassigning() throws Exception {
        Replica a = launch("replica-a");
        awaitLeaderReady(a, WAIT);
        Replica b = launch("replica-b");
        await("replica-b to be a ready standby", WAIT, () -> "STANDBY".equals(b.state()));
        assertThat(leaseHolder()).isEqualTo("replica-a");

        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        for (int i = 0; i < NODES.size(); i++) {
            createNode(NODES.get(i), "192.168.61." + (21 + i), "2600:1d18:f46:9606::" + (21 + i));
        }
        await("every node to get its pod ranges", WAIT, () -> NODES.stream().allMatch(n -> annotations(n).containsKey(
                NodeAnnotationCodec.POD_NETWORK_RANGES)));

        PodStream stream = new PodStream();
        stream.start();
        try {
            await(PODS_BEFORE_KILL + " pods to be addressed by the first leader", WAIT,
                    () -> addressedKeys().size() >= PODS_BEFORE_KILL);
            String leader = leaseHolder();
            Replica doomed = replicas.get(leader);
            Replica standby = leader.equals(a.name) ? b : a;
            assertThat(doomed.state()).as("the lease holder allocates").isEqualTo("READY");
            assertThat(standby.state()).as("the other replica waits").isEqualTo("STANDBY");

            Map<String, Map<String, String>> annotationsBeforeKill = nodeAnnotations();
            int createdBeforeKill = created.size();
            long killedAt = System.nanoTime();
            doomed.kill();
            log("killed leader %s (SIGKILL) with %d pods created", doomed.name, createdBeforeKill);

            await(standby.name + " to take the lease", TAKEOVER_BOUND.plus(Duration.ofSeconds(5)),
                    () -> standby.name.equals(leaseHolder()));
            Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
            log("%s holds the lease %d ms after the kill (lease %s)", standby.name, takeover.toMillis(), LEASE_DURATION);
            assertThat(takeover).as("takeover after the leader died").isLessThanOrEqualTo(TAKEOVER_BOUND);
            awaitLeaderReady(standby, WAIT);
            log("%s ready %d ms after the kill", standby.name, Duration.ofNanos(System.nanoTime() - killedAt).toMillis());

            int createdAtTakeover = created.size();
            await(PODS_AFTER_TAKEOVER + " more pods to be created under the new leader", WAIT,
                    () -> created.size() >= createdAtTakeover + PODS_AFTER_TAKEOVER);
            stream.stop();
            log("stream stopped: %d pods, %d before the kill", created.size(), createdBeforeKill);

            // the annotations follow the Kafka commit: wait for both
            await("every pod to be addressed and the node annotations to match the node records", WAIT, this::settled);
            List<Seen<PodAddressing>> records = probe.readAll(Topic.POD_ADDRESSING, PodAddressing.class);

            assertEveryPodAddressedOnceFromItsNodesRanges(records);
            assertNoPodsAddressesEverChanged(records, created.subList(0, createdBeforeKill));
            assertLeadersNeverInterleave(records);
            assertNodeRangesKept(annotationsBeforeKill, nodeAnnotations());
            assertNoConflictAudited();

            survivor = standby.name;
            addressesAfterFailover = latestAddresses(records);
            annotationsAfterFailover = nodeAnnotations();
        } finally {
            stream.stop();
        }
    }

    @Test
    @Order(2)
    void freshReplicaRestartingOnExistingAnnotationsReassignsNothing() throws Exception {
        assumeTrue(survivor != null, "needs the cluster the failover left behind");
        Replica previous = replicas.get(survivor);
        previous.kill();
        log("killed %s (SIGKILL); starting a fresh replica", previous.name);

        Replica c = launch("replica-c");
        awaitLeaderReady(c, WAIT);
        assertThat(leaseHolder()).isEqualTo("replica-c");
        // the restore's "bring everything up to date" pass is one batch; let any further batch land
        awaitQuiet(Duration.ofSeconds(3), WAIT);
        await("the node annotations to match the node records", WAIT, this::settled);

        List<Seen<PodAddressing>> records = probe.readAll(Topic.POD_ADDRESSING, PodAddressing.class);
        assertThat(latestAddresses(records)).as("every pod's addresses after the restart").isEqualTo(addressesAfterFailover);
        assertThat(nodeAnnotations()).as("node ranges and service endpoints after the restart").isEqualTo(annotationsAfterFailover);
        List<Seen<PodAddressing>> republished = records.stream()
                .filter(s -> "/acicni/ipam-service/replica-c".equals(s.headers().get("ce_source"))).toList();
        log("replica-c published %d pod records after restoring", republished.size());
        for (Seen<PodAddressing> s : republished) {
            assertThat(s.value()).as("record of %s published after the restart", s.key()).isNotNull();
            assertThat(s.value().addresses()).as("addresses of %s published after the restart", s.key())
                    .isEqualTo(addressesAfterFailover.get(s.key()));
        }
        assertEveryPodAddressedOnceFromItsNodesRanges(records);
        assertNoPodsAddressesEverChanged(records, created);
        assertLeadersNeverInterleave(records);
        assertNoConflictAudited();
        var pod = get(c, "/ipam/pods/" + NAMESPACE + "/" + created.get(0).name());
        assertThat(pod.path("addresses").size()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ assertions

    /** Exactly one IPv4 then one IPv6 address, inside the node's annotated ranges; no address on two pods. */
    private void assertEveryPodAddressedOnceFromItsNodesRanges(List<Seen<PodAddressing>> records) {
        Map<String, PodAddressing> latest = latest(records);
        Map<String, String> holders = new HashMap<>();
        for (CreatedPod pod : created) {
            PodAddressing record = latest.get(pod.key());
            assertThat(record).as("record of %s", pod.key()).isNotNull();
            assertThat(record.node()).isEqualTo(pod.node());
            assertThat(record.addresses()).as("addresses of %s", pod.key()).hasSize(2);
            PodNetworkRanges ranges = NodeAnnotationCodec.readRanges(annotations(pod.node()).get(NodeAnnotationCodec.POD_NETWORK_RANGES));
            var v4 = record.addresses().get(0).address();
            var v6 = record.addresses().get(1).address();
            assertThat(v4.isIPv4()).as("%s first address %s", pod.key(), v4).isTrue();
            assertThat(v6.isIPv6()).as("%s second address %s", pod.key(), v6).isTrue();
            assertThat(ranges.v4().stream().anyMatch(r -> r.contains(v4))).as("%s of %s in %s", v4, pod.key(), ranges.v4()).isTrue();
            assertThat(ranges.v6().stream().anyMatch(r -> r.contains(v6))).as("%s of %s in %s", v6, pod.key(), ranges.v6()).isTrue();
            for (PodAddress a : record.addresses()) {
                String previous = holders.put(a.address().toCanonicalString(), pod.key());
                assertThat(previous).as("%s is held by %s and %s", a.address(), previous, pod.key()).isNull();
            }
        }
        assertThat(latest.keySet()).as("live pod records").containsExactlyInAnyOrderElementsOf(keys(created));
    }

    /**
     * Every committed record of a pod carries the same addresses, and there is no tombstone for a live
     * pod: neither leader reassigned anything. For pods created before the kill, the latest record
     * equals the first committed one.
     */
    private void assertNoPodsAddressesEverChanged(List<Seen<PodAddressing>> records, List<CreatedPod> beforeKill) {
        Map<String, List<Seen<PodAddressing>>> byKey = records.stream()
                .collect(Collectors.groupingBy(Seen::key, LinkedHashMap::new, Collectors.toList()));
        for (CreatedPod pod : created) {
            List<Seen<PodAddressing>> history = byKey.get(pod.key());
            assertThat(history).as("records of %s", pod.key()).isNotEmpty();
            List<PodAddress> first = history.get(0).value() == null ? null : history.get(0).value().addresses();
            for (Seen<PodAddressing> s : history) {
                assertThat(s.value()).as("tombstone for live pod %s from %s", pod.key(), s.headers().get("ce_source")).isNotNull();
                assertThat(s.value().addresses()).as("addresses of %s from %s", pod.key(), s.headers().get("ce_source"))
                        .isEqualTo(first);
            }
        }
        for (CreatedPod pod : beforeKill) {
            List<Seen<PodAddressing>> history = byKey.get(pod.key());
            assertThat(history.get(history.size() - 1).value()).as("latest vs first record of %s", pod.key())
                    .isEqualTo(history.get(0).value());
        }
    }

    /** Per partition, once a replica's records start, no earlier replica's follow: the leaders never published at once. */
    private void assertLeadersNeverInterleave(List<Seen<PodAddressing>> records) {
        Map<Integer, List<String>> sources = new TreeMap<>();
        for (Seen<PodAddressing> s : records) {
            List<String> seq = sources.computeIfAbsent(s.partition(), p -> new ArrayList<>());
            String source = s.headers().get("ce_source");
            if (seq.isEmpty() || !seq.get(seq.size() - 1).equals(source)) {
                seq.add(source);
            }
        }
        sources.forEach((partition, seq) -> assertThat(seq).as("publishers on partition %d, in order", partition)
                .doesNotHaveDuplicates());
    }

    /** Every range a node held before the kill is still its own (ranges only grow by whole chunks). */
    private static void assertNodeRangesKept(Map<String, Map<String, String>> before, Map<String, Map<String, String>> after) {
        for (String node : NODES) {
            assertThat(after.get(node).get(NodeAnnotationCodec.SERVICE_ENDPOINT)).as("service endpoint of %s", node)
                    .isEqualTo(before.get(node).get(NodeAnnotationCodec.SERVICE_ENDPOINT));
            PodNetworkRanges was = NodeAnnotationCodec.readRanges(before.get(node).get(NodeAnnotationCodec.POD_NETWORK_RANGES));
            PodNetworkRanges now = NodeAnnotationCodec.readRanges(after.get(node).get(NodeAnnotationCodec.POD_NETWORK_RANGES));
            assertContained(node, was.v4(), now.v4());
            assertContained(node, was.v6(), now.v6());
        }
        List<IpRange> all = new ArrayList<>();
        for (String node : NODES) {
            PodNetworkRanges now = NodeAnnotationCodec.readRanges(after.get(node).get(NodeAnnotationCodec.POD_NETWORK_RANGES));
            all.addAll(now.v4());
            all.addAll(now.v6());
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                IpRange x = all.get(i);
                IpRange y = all.get(j);
                assertThat(x.contains(y.start()) || x.contains(y.end()) || y.contains(x.start()))
                        .as("ranges %s and %s overlap", x, y).isFalse();
            }
        }
    }

    private static void assertContained(String node, List<IpRange> before, List<IpRange> after) {
        for (IpRange r : before) {
            assertThat(after.stream().anyMatch(a -> a.contains(r.start()) && a.contains(r.end())))
                    .as("%s kept range %s (now %s)", node, r, after).isTrue();
        }
    }

    private void assertNoConflictAudited() {
        List<Seen<AuditEvent>> conflicts = probe.readAll(Topic.AUDIT, AuditEvent.class).stream()
                .filter(s -> s.value() != null && s.value().action().contains("conflict")).toList();
        assertThat(conflicts).as("address conflicts audited").isEmpty();
    }

    // ------------------------------------------------------------------ cluster

    private void createNode(String name, String v4, String v6) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress(v4).endAddress()
                .addNewAddress().withType("InternalIP").withAddress(v6).endAddress().endStatus().build()).create();
    }

    private Map<String, String> annotations(String node) {
        Node n = client.nodes().withName(node).get();
        return n == null || n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
    }

    /** The two annotations ipam owns, per node. */
    private Map<String, Map<String, String>> nodeAnnotations() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String node : NODES) {
            Map<String, String> owned = new TreeMap<>(annotations(node));
            owned.keySet().retainAll(Set.of(NodeAnnotationCodec.POD_NETWORK_RANGES, NodeAnnotationCodec.SERVICE_ENDPOINT));
            out.put(node, owned);
        }
        return out;
    }

    private String leaseHolder() {
        Lease lease = client.resources(Lease.class).inNamespace(LEASE_NAMESPACE).withName(LEASE_NAME).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** Creates pods round-robin over the nodes at a steady pace until stopped. */
    private final class PodStream implements Runnable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this, "failover-it-pods");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        @Override
        public void run() {
            int i = 0;
            while (running.get()) {
                String node = NODES.get(i % NODES.size());
                String name = "fo-pod-%03d".formatted(i);
                try {
                    Pod pod = client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                            .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "failover").endMetadata()
                            .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("nginx").endContainer().endSpec()
                            .build()).create();
                    created.add(new CreatedPod(name, pod.getMetadata().getUid(), node));
                    i++;
                    Thread.sleep(POD_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failure.set(e);
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ Kafka

    private static Map<String, PodAddressing> latest(List<Seen<PodAddressing>> records) {
        Map<String, PodAddressing> latest = new HashMap<>();
        for (Seen<PodAddressing> s : records) {
            if (s.value() == null) {
                latest.remove(s.key());
            } else {
                latest.put(s.key(), s.value());
            }
        }
        return latest;
    }

    private static Map<String, List<PodAddress>> latestAddresses(List<Seen<PodAddressing>> records) {
        Map<String, List<PodAddress>> out = new TreeMap<>();
        latest(records).forEach((k, v) -> out.put(k, v.addresses()));
        return out;
    }

    /**
     * Every created pod has a record, each node's annotated ranges equal its latest Kafka record's, and
     * every pod address lies in its node's annotated ranges.
     */
    private boolean settled() {
        Map<String, PodAddressing> pods = latest(probe.readAll(Topic.POD_ADDRESSING, PodAddressing.class));
        if (!pods.keySet().containsAll(keys(created))) {
            return false;
        }
        Map<String, NodeAddressing> nodes = new HashMap<>();
        for (Seen<NodeAddressing> s : probe.readAll(Topic.NODE_ADDRESSING, NodeAddressing.class)) {
            nodes.put(s.key(), s.value());
        }
        Map<String, PodNetworkRanges> annotated = new HashMap<>();
        for (String node : NODES) {
            String text = annotations(node).get(NodeAnnotationCodec.POD_NETWORK_RANGES);
            if (text == null || nodes.get(node) == null || !NodeAnnotationCodec.readRanges(text).equals(nodes.get(node).podNetworkRanges())) {
                return false;
            }
            annotated.put(node, NodeAnnotationCodec.readRanges(text));
        }
        for (CreatedPod pod : created) {
            PodNetworkRanges ranges = annotated.get(pod.node());
            for (PodAddress a : pods.get(pod.key()).addresses()) {
                List<IpRange> family = a.address().isIPv4() ? ranges.v4() : ranges.v6();
                if (family.stream().noneMatch(r -> r.contains(a.address()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private Set<String> addressedKeys() {
        return latest(probe.readAll(Topic.POD_ADDRESSING, PodAddressing.class)).keySet();
    }

    private static List<String> keys(List<CreatedPod> pods) {
        return pods.stream().map(CreatedPod::key).toList();
    }

    /** Waits until no record has been added to the pod and node topics for {@code quiet}. */
    private void awaitQuiet(Duration quiet, Duration timeout) {
        Supplier<Integer> count = () -> probe.readAll(Topic.POD_ADDRESSING, PodAddressing.class).size()
                + probe.readAll(Topic.NODE_ADDRESSING, NodeAddressing.class).size();
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = count.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            assertThat(System.nanoTime()).as("topics to go quiet within %s", timeout).isLessThan(deadline);
            sleep(250);
            int now = count.get();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }

    // ------------------------------------------------------------------ replicas

    private Replica launch(String name) throws IOException {
        int port = freePort();
        Path logFile = WORK.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dacicni.instance.name=" + name,
                "-Dacicni.ipam.controller-config=" + CONTROLLER_CONFIG,
                "-Dacicni.ipam.lease-namespace=" + LEASE_NAMESPACE,
                "-Dacicni.ipam.lease-duration=" + LEASE_DURATION.toMillis() + "ms",
                "-Dacicni.ipam.renew-deadline=" + RENEW_DEADLINE.toMillis() + "ms",
                "-Dacicni.ipam.retry-period=" + RETRY_PERIOD.toMillis() + "ms",
                "-Dacicni.ipam.maintain-interval=500ms",
                "-Dquarkus.log.category.\"io.fabric8.kubernetes.client.extended.leaderelection\".level=DEBUG",
                "-jar", JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(JAR.getParent().getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        pb.environment().remove("KUBERNETES_SERVICE_HOST");
        pb.environment().remove("KUBERNETES_SERVICE_PORT");
        // the client's API server URL is fixed at build time; the kubeconfig (namespace "default") is read at start
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("ACICNI_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        Replica replica = new Replica(name, port, pb.start(), logFile);
        synchronized (replicas) {
            replicas.put(name, replica);
        }
        log("started %s (pid %d, port %d, log %s)", name, replica.process.pid(), port, logFile);
        return replica;
    }

    private void awaitLeaderReady(Replica replica, Duration timeout) {
        await(replica.name + " to hold the lease and be READY", timeout,
                () -> replica.name.equals(leaseHolder()) && "READY".equals(replica.state()));
    }

    private void destroyReplicas() {
        List<Replica> all;
        synchronized (replicas) {
            all = List.copyOf(replicas.values());
        }
        for (Replica r : all) {
            r.kill();
        }
    }

    private static JsonNode get(Replica replica, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on %s: %s", path, replica.name, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** One ipam-service process. */
    private static final class Replica {
        final String name;
        final int port;
        final Process process;
        final Path log;

        Replica(String name, int port, Process process, Path log) {
            this.name = name;
            this.port = port;
            this.process = process;
            this.log = log;
        }

        /**
         * The allocation loop's state from the readiness check ({@code STANDBY}, {@code RESTORING},
         * {@code READY}), or null while the process does not answer. Fails if the process died.
         */
        String state() {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return readiness().path("state").asText(null);
        }

        /** The data of the ipam-allocator readiness check (state, reason, leader); empty while not answering. */
        JsonNode readiness() {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                    if ("ipam-allocator".equals(check.path("name").asText())) {
                        return check.path("data");
                    }
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return JSON.createObjectNode();
        }

        /** SIGKILL, and wait until the process is gone. */
        void kill() {
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Polls until the condition holds; fails with what was awaited and how the replicas and the lease stand. */
    private void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; lease holder "
                        + leaseHolder() + "; " + describeReplicas());
            }
            sleep(200);
        }
    }

    private String describeReplicas() {
        List<String> out = new ArrayList<>();
        synchronized (replicas) {
            for (Replica r : replicas.values()) {
                out.add(r.name + (r.process.isAlive() ? ": " + r.readiness() : ": exited") + " (log " + r.log + ")");
            }
        }
        return String.join("; ", out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[IpamFailoverIT] " + format + "%n", args);
    }
}
