package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.state.PassScope;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental passes: a change costs what it touches, not the node's size (counted, not timed), with
 * the full pass's guarantees kept by the first pass and the periodic resync.
 */
class IncrementalSyncTest {
    static final int PODS = 200;

    @TempDir
    Path tmp;

    final List<String> events = new ArrayList<>();
    final List<PassScope> scopes = new ArrayList<>();
    final List<FileChange> changes = new ArrayList<>();
    final SyncListener recorder = new SyncListener() {
        @Override
        public void changed(String node, FileChange change) {
            events.add(change.action() + " " + change.name());
            changes.add(change);
        }

        @Override
        public void refused(String node, Refusal refusal) {
            events.add("REFUSED " + refusal.subject());
        }

        @Override
        public void failed(String node, FileKind kind, String name, Exception error) {
            events.add("FAILED " + name);
        }
    };

    Path ep() {
        return tmp.resolve("ep");
    }

    Path svc() {
        return tmp.resolve("svc");
    }

    NodeFileSync sync(AddressingState state) {
        NodeDirs dirs = new NodeDirs("n1", ep(), svc(), tmp.resolve("meta"));
        return new NodeFileSync(dirs, state, SETTINGS, true, new DirectoryReconciler(new AtomicFileWriter(false)), recorder, Clock.systemUTC());
    }

    /** A node of 200 pods; pods u0..u9 are endpoints of service web. The listener collects what changed. */
    AddressingState bigNode() {
        AddressingState state = new AddressingState(List.of("n1"));
        for (int i = 0; i < PODS; i++) {
            state.putPod(podNo(i, "1"));
        }
        List<ServiceAddressing.Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            eps.add(endpoint("10.2.0." + (i + 1), "n1", "u" + i));
        }
        state.putService("default/web", service("s-web", "web", "ClusterIP", ips("10.96.0.10", "fd00:96::a"), List.of(), eps));
        state.onChange((node, scope) -> scopes.add(scope));
        return state;
    }

    static PodAddressing podNo(int i, String rev) {
        return new PodAddressing("u" + i, "default", "p" + i, "n1",
                List.of(v4("10.2." + (i / 250) + "." + (i % 250 + 1)), v6("2001:fb8:42::" + Integer.toHexString(i + 1))),
                null, null, null, Map.of("app", "web", "rev", rev));
    }

    static String file(String uid) {
        return Sandbox.synthesizedFor(uid).fileName();
    }

    PassScope pending() {
        PassScope.Pending pending = new PassScope.Pending();
        scopes.forEach(pending::add);
        scopes.clear();
        return pending.toScope();
    }

    @Test
    void onePodChangeComputesComparesAndWritesOnlyThatPodsFile() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        SyncReport first = sync.sync(pending()); // the first pass is always full
        assertThat(first.full()).isTrue();
        assertThat(first.changes() + first.unchanged()).isEqualTo(PODS + 1);
        events.clear();

        // behind our back: other pods' files damaged and one removed. A pass that read or compared them would repair them.
        Files.writeString(ep().resolve(file("u1")), "{\"uuid\": ");
        Files.writeString(ep().resolve(file("u150")), "garbage");
        Files.delete(ep().resolve(file("u199")));

        state.putPod(podNo(42, "2"));
        PassScope scope = pending();
        assertThat(scope).isEqualTo(PassScope.pod("u42"));
        SyncReport pass = sync.sync(scope);

        assertThat(pass.full()).isFalse();
        assertThat(pass.changes() + pass.unchanged()).as("files computed and compared").isEqualTo(1);
        assertThat(events).containsExactly("CHANGED " + file("u42"));
        assertThat(Files.readString(ep().resolve(file("u42")))).contains("\"rev\": \"2\"");
        // the files outside the change were neither read nor rewritten
        assertThat(Files.readString(ep().resolve(file("u1")))).isEqualTo("{\"uuid\": ");
        assertThat(Files.readString(ep().resolve(file("u150")))).isEqualTo("garbage");
        assertThat(ep().resolve(file("u199"))).doesNotExist();
        assertThat(pass.endpointFiles()).isEqualTo(PODS);

        // the periodic resync (a full pass) repairs them, exactly as before
        events.clear();
        SyncReport resync = sync.sync();
        assertThat(resync.full()).isTrue();
        assertThat(events).containsExactlyInAnyOrder("CHANGED " + file("u1"), "CHANGED " + file("u150"), "CREATED " + file("u199"));
        assertThat(Files.readString(ep().resolve(file("u150")))).startsWith("{");
        assertThat(resync.endpointFiles()).isEqualTo(PODS);
    }

    @Test
    void aSecondChangeOfTheSamePodComparesInMemoryWithoutWriting() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        events.clear();
        state.putPod(podNo(7, "1")); // same content again
        SyncReport pass = sync.sync(pending());
        assertThat(pass.changes()).isZero();
        assertThat(pass.unchanged()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aRemovedPodLosesItsFileInAnIncrementalPass() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        byte[] before = Files.readAllBytes(ep().resolve(file("u120")));
        events.clear();
        changes.clear();

        state.removePod("n1", "u120");
        SyncReport pass = sync.sync(pending());

        assertThat(pass.full()).isFalse();
        assertThat(ep().resolve(file("u120"))).doesNotExist();
        assertThat(events).containsExactly("REMOVED " + file("u120"));
        assertThat(changes.get(0).before()).as("audit 'before' from memory").isEqualTo(before);
        assertThat(pass.endpointFiles()).isEqualTo(PODS - 1);
    }

    @Test
    void aRegisteredSandboxReplacesTheSynthesisedOneOfItsPodOnly() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        events.clear();
        Sandbox real = new Sandbox("u5", "c0ffee", "veth5", "eth0", "/ns");
        state.putSandbox("n1", real);
        sync.sync(pending());
        assertThat(events).containsExactlyInAnyOrder("CREATED " + real.fileName(), "REMOVED " + file("u5"));
        events.clear();
        state.removeSandbox("n1", "c0ffee");
        sync.sync(pending());
        assertThat(events).containsExactlyInAnyOrder("REMOVED " + real.fileName(), "CREATED " + file("u5"));
    }

    @Test
    void aServiceChangeRewritesItsFileAndOnlyTheEpFilesWhoseServiceIpsItChanges() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        assertThat(Files.readString(ep().resolve(file("u3")))).contains("\"service-ip\"");
        assertThat(Files.readString(ep().resolve(file("u50")))).doesNotContain("\"service-ip\"");
        events.clear();

        // u50 joins web's endpoints, u3 leaves; u0..u2, u4..u9 stay (same cluster IPs: their lists do not change)
        List<ServiceAddressing.Endpoint> eps = new ArrayList<>();
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 7, 8, 9, 50}) {
            eps.add(endpoint("10.2.0." + (i + 1), "n1", "u" + i));
        }
        state.putService("default/web", service("s-web", "web", "ClusterIP", ips("10.96.0.10", "fd00:96::a"), List.of(), eps));
        PassScope scope = pending();
        assertThat(scope.pods()).containsExactlyInAnyOrder("u3", "u50");
        assertThat(scope.services()).containsExactly("s-web");
        SyncReport pass = sync.sync(scope);

        assertThat(pass.full()).isFalse();
        assertThat(events).containsExactlyInAnyOrder("CHANGED s-web.service", "CHANGED " + file("u3"), "CHANGED " + file("u50"));
        assertThat(Files.readString(ep().resolve(file("u50")))).contains("\"service-ip\": [\n    \"10.96.0.10\",\n    \"fd00:96::a\"\n  ]");
        assertThat(Files.readString(ep().resolve(file("u3")))).doesNotContain("\"service-ip\"");

        // recreated under the same name with a new uid: the old uid's file goes, the new one comes
        events.clear();
        state.putService("default/web", service("s-web2", "web", "ClusterIP", ips("10.96.0.11"), List.of(), eps));
        sync.sync(pending());
        assertThat(events).contains("REMOVED s-web.service", "CREATED s-web2.service", "CHANGED " + file("u50"));
        assertThat(events).filteredOn(e -> e.endsWith(".ep")).hasSize(10);

        // deleted: its file goes and its pods lose the service IP
        events.clear();
        state.putService("default/web", null);
        sync.sync(pending());
        assertThat(events).contains("REMOVED s-web2.service", "CHANGED " + file("u0"));
        assertThat(Files.readString(ep().resolve(file("u0")))).doesNotContain("\"service-ip\"");
        try (var l = Files.list(svc())) {
            assertThat(l).isEmpty();
        }
    }

    @Test
    void aRestartedProcessStartsWithAFullPassWhateverItWasAskedFor() throws Exception {
        AddressingState state = bigNode();
        sync(state).sync(pending());
        Files.writeString(ep().resolve(file("u9")), "damaged while down");
        Files.writeString(ep().resolve("gone_c0ffee_veth9.ep"), "{}");
        events.clear();

        NodeFileSync restarted = sync(state); // new process, files on disk
        SyncReport first = restarted.sync(PassScope.pod("u1"));

        assertThat(first.full()).isTrue();
        assertThat(events).containsExactlyInAnyOrder("CHANGED " + file("u9"), "REMOVED gone_c0ffee_veth9.ep");
        assertThat(restarted.sync(PassScope.pod("u1")).full()).isFalse();
    }

    @Test
    void aFailedWriteMakesTheNextPassFull() throws Exception {
        AddressingState state = bigNode();
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        // the file's name taken by a directory: the write fails
        Files.delete(ep().resolve(file("u8")));
        Files.createDirectory(ep().resolve(file("u8")));
        state.putPod(podNo(8, "2"));
        SyncReport failed = sync.sync(pending());
        assertThat(failed.errors()).isNotEmpty();
        Files.delete(ep().resolve(file("u8")));

        events.clear();
        state.putPod(podNo(9, "2"));
        SyncReport next = sync.sync(pending());
        assertThat(next.full()).isTrue();
        assertThat(next.errors()).isEmpty();
        assertThat(events).containsExactlyInAnyOrder("CREATED " + file("u8"), "CHANGED " + file("u9"));
        assertThat(new String(Files.readAllBytes(ep().resolve(file("u8"))), StandardCharsets.UTF_8)).contains("\"rev\": \"2\"");
    }

    @Test
    void problemsOfEveryPodStayInTheReportAfterIncrementalPasses() {
        AddressingState state = bigNode();
        state.putPod(new PodAddressing("bad", "default", "bad", "n1", List.of(v4("10.2.9.9")), "{not json", null, null, Map.of()));
        NodeFileSync sync = sync(state);
        sync.sync(pending());
        assertThat(sync.lastReport().problems()).anyMatch(p -> p.contains("pod default/bad"));
        state.putPod(podNo(3, "2"));
        sync.sync(pending());
        assertThat(sync.lastReport().problems()).anyMatch(p -> p.contains("pod default/bad"));
        state.removePod("n1", "bad");
        sync.sync(pending());
        assertThat(sync.lastReport().problems()).noneMatch(p -> p.contains("pod default/bad"));
    }
}
