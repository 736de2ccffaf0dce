package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FsyncPolicy;
import io.acicni.epwriter.messaging.KafkaOutbox;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.sync.FileEvents;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.epwriter.sync.NodeFileSync;
import io.acicni.epwriter.sync.SyncScheduler;
import io.acicni.events.model.PodAddressing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;

/**
 * Not a test: thread CPU of the per-pod CNI path on a node of 100 pods (20 services), fsync none, with
 * the production listener ({@link FileEvents}: metrics + audit events handed to a {@link KafkaOutbox}
 * over a {@link MockProducer}, so the event is serialised with its headers but not sent) and the
 * response body serialised as the REST layer does. Each round: DEL of a pod's sandbox, then ADD of a
 * new sandbox for the same pod (its addresses are known). Reports µs of CPU per ADD and per DEL on the
 * calling thread, plus the scheduler worker's CPU over the run divided by the operations (passes it
 * runs for marks the CNI calls leave behind).
 *
 * <p>Run: {@code ./mvnw -B -ntp -pl ep-writer-service -am verify -Dacicni.bench=true -Dtest=CniCostHarness
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-XX:TieredStopAtLevel=1} (C1 only, as the services run), or
 * through {@link #main} on the test classpath.
 */
@EnabledIfSystemProperty(named = "acicni.bench", matches = "true")
public class CniCostHarness {
    static final int PODS = Integer.getInteger("acicni.bench.pods", 100);
    static final int ROUNDS = Integer.getInteger("acicni.bench.rounds", 10_000);
    static final int WARMUP = Integer.getInteger("acicni.bench.warmup", 5_000);
    static final ObjectMapper REST_MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The same without surefire: {@code java -cp <test classpath> io.acicni.epwriter.cni.CniCostHarness}. */
    public static void main(String[] args) throws Exception {
        CniCostHarness harness = new CniCostHarness();
        harness.tmp = java.nio.file.Files.createTempDirectory("cni-cost");
        harness.cpuPerAddAndDel();
    }

    @Test
    void cpuPerAddAndDel() throws Exception {
        AddressingState state = new AddressingState(List.of("n1"));
        for (int i = 0; i < PODS; i++) {
            state.putPod(pod("u" + i, "n1", "p" + i, v4("10.2." + (i / 250) + "." + (i % 250 + 1)), v6("2001:fb8:42::" + Integer.toHexString(i + 1))));
        }
        for (int s = 0; s < 20; s++) {
            state.putService("default/s" + s, service("s" + s, "s" + s, "ClusterIP", ips("10.96.0." + (s + 1), "fd00:96::" + (s + 1)), List.of(),
                    List.of(endpoint("10.2.0." + (s + 1), "n1", "u" + s))));
        }
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaOutbox outbox = new KafkaOutbox(producer, "/acicni/ep-writer-service/bench");
        FileEvents events = new FileEvents(outbox::audit, new SimpleMeterRegistry(), "ep-writer-service/bench", Clock.systemUTC());
        NodeDirs dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
        NodeFileSync sync = new NodeFileSync(dirs, state, SETTINGS, false, DirectoryReconciler.of(FsyncPolicy.NONE), events, Clock.systemUTC());
        try (SyncScheduler scheduler = new SyncScheduler(Map.of("n1", sync), Duration.ZERO, Duration.ofHours(1))) {
            state.onChange(scheduler::mark);
            scheduler.start();
            CniService cni = new CniService(state, scheduler, Map.of("n1", dirs), Map.of("n1", new SandboxStore(dirs.metadataDir(), false)),
                    SETTINGS, Duration.ofSeconds(5), events);
            String[] containers = new String[PODS];
            for (int i = 0; i < PODS; i++) {
                containers[i] = newContainerId();
                respond(cni.handle("n1", request("ADD", i, containers[i])));
            }
            Thread.sleep(200);
            long worker = threadId("ep-writer-sync");
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long addCpu = 0;
            long delCpu = 0;
            long workerStart = 0;
            for (int r = 0; r < WARMUP + ROUNDS; r++) {
                if (r == WARMUP) {
                    Thread.sleep(100);
                    workerStart = mx.getThreadCpuTime(worker);
                    addCpu = 0;
                    delCpu = 0;
                }
                int i = r % PODS;
                String next = newContainerId();
                long c0 = mx.getCurrentThreadCpuTime();
                respond(cni.handle("n1", request("DEL", i, containers[i])));
                long c1 = mx.getCurrentThreadCpuTime();
                respond(cni.handle("n1", request("ADD", i, next)));
                long c2 = mx.getCurrentThreadCpuTime();
                delCpu += c1 - c0;
                addCpu += c2 - c1;
                containers[i] = next;
                if (producer.history().size() > 1_000) {
                    producer.clear();
                }
            }
            Thread.sleep(200);
            long workerCpu = mx.getThreadCpuTime(worker) - workerStart;
            System.out.printf("CNI-COST pods=%d services=20 rounds=%d add=%.1f us del=%.1f us (caller thread) worker=%.1f us per op; total per ADD+DEL=%.1f us%n",
                    PODS, ROUNDS, addCpu / 1e3 / ROUNDS, delCpu / 1e3 / ROUNDS, workerCpu / 1e3 / (2.0 * ROUNDS),
                    (addCpu + delCpu + workerCpu) / 1e3 / ROUNDS);
        }
    }

    /**
     * What the REST layer does with the answer: a tree (the result before it was streamed) is serialised
     * by Jackson, bytes are sent as they are; DEL has no body. (Object: the harness also runs against the
     * code from before, for side-by-side runs.)
     */
    static int respond(Object body) throws Exception {
        if (body == null) {
            return 0;
        }
        return body instanceof byte[] bytes ? bytes.length : REST_MAPPER.writeValueAsBytes(body).length;
    }

    static CniRequest request(String command, int pod, String containerId) {
        return new CniRequest("1.0.0", command, containerId, "/var/run/netns/cni-" + containerId.substring(0, 8), "eth0", "default", "p" + pod,
                "u" + pod, null);
    }

    static String newContainerId() {
        byte[] id = new byte[32];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread " + name)).getId();
    }
}
