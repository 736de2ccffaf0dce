package io.acicni.epwriter.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryReconcilerTest {
    final DirectoryReconciler reconciler = new DirectoryReconciler(new AtomicFileWriter());

    @TempDir
    Path dir;

    @Test
    void endpointDirectoryConvergesAndKeepsOthersFiles() throws IOException {
        write("uid1_c1_veth1.ep", "old");           // desired, stale content
        write("uid2_c2_veth2.ep", "gone");          // not desired
        write("broken.ep", "x");                     // invalid name, not desired
        write("veth_host_ac.ep", "host");            // Cisco's host veth endpoint
        write("aci-containers-default_null-mac.ep", "null");
        write("notes.txt", "keep");                  // not ours
        write(".acicni-123.tmp", "half");            // our crash leftover
        Map<String, byte[]> desired = new TreeMap<>(Map.of(
                "uid1_c1_veth1.ep", bytes("new"),
                "uid3_c3_veth3.ep", bytes("created")));

        List<String> errors = new ArrayList<>();
        DirectoryReconciler.Pass pass = reconciler.reconcile(FileKind.ENDPOINT, dir, desired, (n, e) -> errors.add(n));

        assertThat(errors).isEmpty();
        assertThat(names()).containsExactlyInAnyOrder("uid1_c1_veth1.ep", "uid3_c3_veth3.ep", "veth_host_ac.ep",
                "aci-containers-default_null-mac.ep", "notes.txt");
        assertThat(Files.readString(dir.resolve("uid1_c1_veth1.ep"))).isEqualTo("new");
        assertThat(pass.changes()).extracting(c -> c.name() + ":" + c.action()).containsExactlyInAnyOrder(
                "uid2_c2_veth2.ep:REMOVED", "broken.ep:REMOVED", "uid1_c1_veth1.ep:CHANGED", "uid3_c3_veth3.ep:CREATED");
        assertThat(pass.files()).isEqualTo(4);

        DirectoryReconciler.Pass again = reconciler.reconcile(FileKind.ENDPOINT, dir, desired, (n, e) -> errors.add(n));
        assertThat(again.changes()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FsyncPolicy.class)
    void everyFsyncPolicyConvergesTheSameWay(FsyncPolicy policy) throws IOException {
        DirectoryReconciler r = DirectoryReconciler.of(policy);
        write("uid1_c1_veth1.ep", "old");
        write("uid2_c2_veth2.ep", "gone");
        Map<String, byte[]> desired = new TreeMap<>(Map.of("uid1_c1_veth1.ep", bytes("new"), "uid3_c3_veth3.ep", bytes("created")));
        List<String> errors = new ArrayList<>();
        DirectoryReconciler.Pass pass = r.reconcile(FileKind.ENDPOINT, dir, desired, (n, e) -> errors.add(n));
        assertThat(errors).isEmpty();
        assertThat(names()).containsExactlyInAnyOrder("uid1_c1_veth1.ep", "uid3_c3_veth3.ep");
        assertThat(Files.readString(dir.resolve("uid3_c3_veth3.ep"))).isEqualTo("created");
        assertThat(pass.changes()).hasSize(3);
        assertThat(r.reconcile(FileKind.ENDPOINT, dir, desired, (n, e) -> errors.add(n)).changes()).isEmpty();
    }

    @Test
    void serviceDirectoryDeletesUndesiredServiceAndAsFiles() throws IOException {
        write("a.service", "old");
        write("b.as", "legacy");
        write("b.service.bak", "keep");
        reconciler.reconcile(FileKind.SERVICE, dir, Map.of("c.service", bytes("c")), (n, e) -> { });
        assertThat(names()).containsExactlyInAnyOrder("c.service", "b.service.bak");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> names() throws IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
