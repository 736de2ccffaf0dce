package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.epwriter.sync.NodeFileSync;
import io.acicni.epwriter.sync.SyncListener;
import io.acicni.epwriter.sync.SyncScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CniServiceTest {
    @TempDir
    Path tmp;

    AddressingState state;
    SyncScheduler scheduler;
    SandboxStore store;
    CniService cni;
    NodeDirs dirs;

    /** Passes run (each reports its endpoint file count once), on any thread. */
    final AtomicInteger passes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        state = new AddressingState(List.of("n1"));
        dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
        SyncListener countingPasses = new SyncListener() {
            @Override
            public void counted(String node, FileKind kind, int files) {
                if (kind == FileKind.ENDPOINT) {
                    passes.incrementAndGet();
                }
            }
        };
        NodeFileSync sync = new NodeFileSync(dirs, state, SETTINGS, false, new DirectoryReconciler(new AtomicFileWriter(false)),
                countingPasses, Clock.systemUTC());
        scheduler = new SyncScheduler(Map.of("n1", sync), Duration.ofMillis(10), Duration.ofMinutes(5));
        state.onChange(scheduler::mark);
        scheduler.start();
        store = new SandboxStore(dirs.metadataDir());
        cni = new CniService(state, scheduler, Map.of("n1", dirs), Map.of("n1", store), SETTINGS, Duration.ofMillis(300), SyncListener.NONE);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    static CniRequest request(String command, String uid) {
        return new CniRequest("1.0.0", command, "c0ffee", "/var/run/netns/n", "eth0", "default", "p", uid, null);
    }

    @Test
    void ipv6OnlyPodGetsOneIpAndOneDefaultRoute() throws Exception {
        state.putPod(pod("u1", "n1", "p", v6("2001:fb8:42::9")));
        JsonNode result = new ObjectMapper().readTree(cni.handle("n1", request("ADD", "u1")));
        assertThat(result.get("ips").toString()).isEqualTo("[{\"address\":\"2001:fb8:42::9/56\",\"gateway\":\"2001:fb8:42::1\",\"interface\":0}]");
        assertThat(result.get("routes").toString()).isEqualTo("[{\"dst\":\"::/0\",\"gw\":\"2001:fb8:42::1\"}]");
        assertThat(dirs.endpointDir().resolve("u1_c0ffee_" + Sandbox.vethFor("c0ffee") + ".ep")).exists();
        cni.handle("n1", request("CHECK", "u1"));
    }

    @Test
    void timedOutAddKeepsTheSandboxWhoseFileFollowsTheAddresses() {
        assertThatThrownBy(() -> cni.handle("n1", request("ADD", "u2")))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
                    assertThat(e.getMessage()).contains("no addresses for pod default/p (u2) on node n1");
                });
        assertThat(store.load()).extracting(Sandbox::containerId).containsExactly("c0ffee");
        state.putPod(pod("u2", "n1", "p", v6("2001:fb8:42::a")));
        Path file = dirs.endpointDir().resolve("u2_c0ffee_" + Sandbox.vethFor("c0ffee") + ".ep");
        await().atMost(Duration.ofSeconds(10)).until(() -> file.toFile().exists());

        cni.handle("n1", request("DEL", "u2"));
        cni.handle("n1", request("DEL", "u2"));
        assertThat(file).doesNotExist();
        assertThat(store.load()).isEmpty();
    }

    /**
     * ADD and DEL run their pod's pass on the caller's thread and leave nothing for the worker: before,
     * the sandbox change also marked the pod, and the worker computed and compared the same file again.
     */
    @Test
    void addAndDelOfAKnownPodRunOnePassEach() throws Exception {
        state.putPod(pod("u3", "n1", "p", v6("2001:fb8:42::b")));
        awaitQuiet();
        int before = passes.get();
        cni.handle("n1", request("ADD", "u3"));
        awaitQuiet();
        assertThat(passes.get() - before).as("passes for one ADD").isEqualTo(1);
        cni.handle("n1", request("DEL", "u3"));
        awaitQuiet();
        assertThat(passes.get() - before).as("passes for ADD + DEL").isEqualTo(2);
        assertThat(dirs.endpointDir().resolve("u3_c0ffee_" + Sandbox.vethFor("c0ffee") + ".ep")).doesNotExist();
    }

    /** Addresses that arrive while ADD waits are handed to it: it writes the file, the worker has nothing to do. */
    @Test
    void addressesArrivingDuringAnAddAreWrittenByThatAddOnly() throws Exception {
        awaitQuiet();
        int before = passes.get();
        CniService patient = new CniService(state, scheduler, Map.of("n1", dirs), Map.of("n1", store), SETTINGS, Duration.ofSeconds(10),
                SyncListener.NONE);
        CompletableFuture<byte[]> add = CompletableFuture.supplyAsync(() -> patient.handle("n1", request("ADD", "u4")));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.load().size() == 1);
        Thread.sleep(50);
        state.putPod(pod("u4", "n1", "p", v6("2001:fb8:42::c")));
        assertThat(new ObjectMapper().readTree(add.get(5, TimeUnit.SECONDS)).get("ips").get(0).get("address").asText()).isEqualTo("2001:fb8:42::c/56");
        awaitQuiet();
        assertThat(passes.get() - before).isEqualTo(1);
        assertThat(dirs.endpointDir().resolve("u4_c0ffee_" + Sandbox.vethFor("c0ffee") + ".ep")).exists();
    }

    /** Waits until no pass has run for 200 ms. */
    void awaitQuiet() throws InterruptedException {
        int seen;
        do {
            seen = passes.get();
            Thread.sleep(200);
        } while (passes.get() != seen);
    }

    @Test
    void unknownCommandsAndNodesAreCniErrors() {
        assertThatThrownBy(() -> cni.handle("n1", request("VERSION", "u1"))).hasMessageContaining("field 'command' must be ADD, DEL or CHECK");
        assertThatThrownBy(() -> cni.handle("n9", request("ADD", "u1"))).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> cni.handle("n1", request("CHECK", "u1"))).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.code()).isEqualTo(CniException.UNKNOWN_CONTAINER));
    }
}
