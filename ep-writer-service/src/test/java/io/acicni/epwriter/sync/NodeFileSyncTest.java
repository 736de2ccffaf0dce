package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.state.AddressingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

class NodeFileSyncTest {
    @TempDir
    Path tmp;

    final List<String> events = new ArrayList<>();
    final SyncListener recorder = new SyncListener() {
        @Override
        public void changed(String node, FileChange change) {
            events.add(change.action() + " " + change.name());
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

    NodeFileSync sync(AddressingState state) {
        NodeDirs dirs = new NodeDirs("n1", tmp.resolve("ep"), tmp.resolve("svc"), tmp.resolve("meta"));
        return new NodeFileSync(dirs, state, SETTINGS, true, new DirectoryReconciler(new AtomicFileWriter(false)), recorder, Clock.systemUTC());
    }

    AddressingState state() {
        AddressingState state = new AddressingState(List.of("n1"));
        state.putPod(pod("u1", "n1", "a", v4("10.2.0.5"), v6("2001:fb8:42::5")));
        state.putPod(pod("u2", "n1", "b", v4("10.2.0.6"), v6("2001:fb8:42::6")));
        state.putService("default/web", service("s1", "web", "ClusterIP", ips("10.6.0.10"), List.of(), List.of(endpoint("10.2.0.5", "n1", "u1"))));
        return state;
    }

    @Test
    void restartWithStaleAndMissingFilesConvergesExactly() throws Exception {
        sync(state()).sync();
        Path ep = tmp.resolve("ep");
        Path svc = tmp.resolve("svc");
        String f1 = Sandbox.synthesizedFor("u1").fileName();
        String f2 = Sandbox.synthesizedFor("u2").fileName();
        byte[] good1 = Files.readAllBytes(ep.resolve(f1));
        byte[] good2 = Files.readAllBytes(ep.resolve(f2));
        byte[] goodSvc = Files.readAllBytes(svc.resolve("s1.service"));

        // while "down": a file lost, one damaged, stale ones left from pods and services that went away
        Files.delete(ep.resolve(f1));
        Files.writeString(ep.resolve(f2), "{\"uuid\": ");
        Files.writeString(ep.resolve("gone_c0ffee_veth9.ep"), "{}");
        Files.writeString(svc.resolve("gone.service"), "{}");
        Files.writeString(svc.resolve("s1.as"), "{}");
        events.clear();

        SyncReport report = sync(state()).sync(); // a fresh instance, as after a restart

        try (var l = Files.list(ep)) {
            assertThat(l.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(f1, f2);
        }
        try (var l = Files.list(svc)) {
            assertThat(l.map(p -> p.getFileName().toString())).containsExactly("s1.service");
        }
        assertThat(Files.readAllBytes(ep.resolve(f1))).isEqualTo(good1);
        assertThat(Files.readAllBytes(ep.resolve(f2))).isEqualTo(good2);
        assertThat(Files.readAllBytes(svc.resolve("s1.service"))).isEqualTo(goodSvc);
        assertThat(events).containsExactlyInAnyOrder("CREATED " + f1, "CHANGED " + f2, "REMOVED gone_c0ffee_veth9.ep",
                "REMOVED gone.service", "REMOVED s1.as");
        assertThat(report.endpointFiles()).isEqualTo(2);
        assertThat(report.serviceFiles()).isEqualTo(1);
    }

    @Test
    void refusalsAreReportedOnceUntilTheyGoAway() {
        AddressingState state = state();
        state.putPod(pod("..", "n1", "evil", v4("10.2.0.7")));
        NodeFileSync sync = sync(state);
        sync.sync();
        sync.sync();
        assertThat(events).filteredOn(e -> e.startsWith("REFUSED")).containsExactly("REFUSED pod/default/evil");
        assertThat(sync.lastReport().problems()).anyMatch(p -> p.contains("field 'podUid'"));
    }
}
