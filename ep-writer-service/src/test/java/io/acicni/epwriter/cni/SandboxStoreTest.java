package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.epwriter.files.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxStoreTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void recordsAreTheBytesOfTheTreeTheyWereWrittenFrom() throws Exception {
        for (String netns : new String[] {null, "/var/run/netns/cni-1", "/a \"q\" \\ \n\u0001<&>é😀"}) {
            Sandbox sandbox = new Sandbox("u1", "c0ffee", "veth1", "eth0", netns);
            ObjectNode tree = MAPPER.createObjectNode();
            tree.put("podUid", sandbox.podUid());
            tree.put("containerId", sandbox.containerId());
            tree.put("veth", sandbox.veth());
            tree.put("ifName", sandbox.ifName());
            if (netns != null) {
                tree.put("netns", netns);
            }
            assertThat(SandboxStore.json(sandbox)).isEqualTo(MAPPER.writeValueAsBytes(tree));
        }
    }

    @Test
    void directoryIsCreatedWhenMissingAlsoAfterItWasRemoved() throws Exception {
        SandboxStore store = new SandboxStore(tmp.resolve("meta"), false);
        Sandbox a = new Sandbox("u1", "c0ffee", "veth1", "eth0", "/ns");
        store.save(a);
        assertThat(store.load()).containsExactly(a);
        store.delete("c0ffee");
        Files.delete(tmp.resolve("meta/sandboxes"));
        store.save(a);
        assertThat(store.load()).containsExactly(a);
        assertThat(Files.readAllBytes(tmp.resolve("meta/sandboxes/c0ffee.json"))).isEqualTo(SandboxStore.json(a));
    }
}
