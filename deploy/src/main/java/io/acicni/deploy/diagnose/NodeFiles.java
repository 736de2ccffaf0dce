package io.acicni.deploy.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.deploy.http.JsonHttp;
import io.acicni.deploy.target.NodeAccess;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's {@code .ep} / {@code .service} files: straight from the directories when the node
 * is a local run's simulated node, else through its ep-writer's
 * {@code GET /diagnostics/{node}/files?prefix=…}; otherwise says it cannot.
 */
public final class NodeFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, NodeAccess> nodes;
    private final JsonHttp http;

    public NodeFiles(Map<String, NodeAccess> nodes, JsonHttp http) {
        this.nodes = nodes;
        this.http = http;
    }

    /** Endpoint and service files of {@code node} whose names start with {@code prefix}. */
    public FileLookup lookup(String node, String prefix) {
        NodeAccess access = nodes.get(node);
        if (access == null) {
            return FileLookup.unavailable("node " + node, "no ep-writer known for node " + node);
        }
        if (access.hasDirectories()) {
            List<NodeFile> files = new ArrayList<>();
            try {
                read(access.endpointDir(), "ep", ".ep", prefix, files);
                read(access.serviceDir(), "service", ".service", prefix, files);
            } catch (IOException e) {
                return FileLookup.unavailable(access.endpointDir() + ", " + access.serviceDir(), "cannot read: " + e.getMessage());
            }
            return FileLookup.found(files, access.endpointDir() + " and " + access.serviceDir());
        }
        if (access.epWriter().isPresent()) {
            String url = access.epWriter().get();
            JsonHttp.Answer answer = http.get(url, "/diagnostics/" + encode(node) + "/files?prefix=" + encode(prefix));
            if (!answer.ok()) {
                String why = answer.status() == 404 && (answer.json() == null || !answer.json().has("error"))
                        ? "this ep-writer has no GET /diagnostics/{node}/files (older version?): " + answer.problem()
                        : answer.problem();
                return FileLookup.unavailable(url, why);
            }
            List<NodeFile> files = new ArrayList<>();
            for (JsonNode f : answer.json().path("files")) {
                JsonNode content = f.get("content");
                files.add(new NodeFile(f.path("kind").asText(), f.path("name").asText(),
                        content != null && content.isObject() ? content : null,
                        content == null ? f.path("text").asText(null) : content.toString()));
            }
            String where = answer.json().path("endpointDir").asText("?") + " and " + answer.json().path("serviceDir").asText("?")
                    + " on " + node + " (via " + url + ")";
            return FileLookup.found(files, where);
        }
        return FileLookup.unavailable("node " + node, "neither directories nor an ep-writer URL known for node " + node);
    }

    private static void read(Path dir, String kind, String suffix, String prefix, List<NodeFile> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix) && Files.isRegularFile(p)) {
                    paths.add(p);
                }
            }
        }
        paths.sort(null);
        for (Path p : paths) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            JsonNode content;
            try {
                content = JSON.readTree(text);
            } catch (IOException notJson) {
                content = null;
            }
            out.add(new NodeFile(kind, p.getFileName().toString(), content != null && content.isObject() ? content : null, text));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
