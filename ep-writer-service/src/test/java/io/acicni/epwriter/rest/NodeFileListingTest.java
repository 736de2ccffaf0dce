package io.acicni.epwriter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.epwriter.sync.NodeDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeFileListingTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void listsTheFilesOfThePrefixWithTheirJson() throws Exception {
        NodeDirs dirs = dirs();
        Files.writeString(dirs.endpointDir().resolve("uid-1_abc_veth1.ep"), "{\"uuid\":\"uid-1_abc_veth1\",\"ip\":[\"10.2.0.5\",\"fd00::5\"]}");
        Files.writeString(dirs.endpointDir().resolve("uid-2_def_veth2.ep"), "{}");
        Files.writeString(dirs.endpointDir().resolve(".acicni-x.tmp"), "partial");
        Files.writeString(dirs.serviceDir().resolve("uid-1.service"), "not json");

        Map<String, Object> out = NodeFileListing.list(dirs, "uid-1");
        assertThat(out).containsEntry("node", "n1").containsEntry("truncated", false);
        List<Map<String, Object>> files = (List<Map<String, Object>>) out.get("files");
        assertThat(files).extracting(f -> f.get("name")).containsExactly("uid-1_abc_veth1.ep", "uid-1.service");
        assertThat(files.get(0)).containsEntry("kind", "ep");
        assertThat(((JsonNode) files.get(0).get("content")).get("ip").toString()).isEqualTo("[\"10.2.0.5\",\"fd00::5\"]");
        assertThat(files.get(1)).containsEntry("kind", "service").containsEntry("text", "not json");
    }

    @Test
    void refusesAPrefixThatCouldNameAPath() throws Exception {
        NodeDirs dirs = dirs();
        assertThatThrownBy(() -> NodeFileListing.list(dirs, "../etc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix must be");
    }

    private NodeDirs dirs() throws Exception {
        return new NodeDirs("n1", Files.createDirectories(dir.resolve("ep")), Files.createDirectories(dir.resolve("svc")),
                Files.createDirectories(dir.resolve("meta")));
    }
}
