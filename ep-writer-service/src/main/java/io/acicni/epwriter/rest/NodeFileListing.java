package io.acicni.epwriter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.sync.NodeDirs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Read-only view of a node's {@code .ep} and {@code .service} files whose names start with a prefix
 * (a pod or service uid), for {@code aci-dualstack diagnose} when it cannot read the node's disk.
 * Plain Java. Only file names in the two directories are listed (no path from the request reaches
 * the file system); at most {@value #MAX_FILES} files of at most {@value #MAX_BYTES} bytes each.
 */
public final class NodeFileListing {
    static final int MAX_FILES = 200;
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeFileListing() {
    }

    /**
     * {@code {"node", "endpointDir", "serviceDir", "files": [{"kind", "name", "content" | "text"}], "truncated"}}.
     *
     * @throws IllegalArgumentException when the prefix has characters other than letters, digits, '.', '_', '-'
     */
    public static Map<String, Object> list(NodeDirs dirs, String prefix) {
        String p = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("prefix must be up to 128 of [A-Za-z0-9._-], got '" + p + "'");
        }
        List<Map<String, Object>> files = new ArrayList<>();
        boolean truncated = read(dirs.endpointDir(), FileKind.ENDPOINT, p, files);
        truncated |= read(dirs.serviceDir(), FileKind.SERVICE, p, files);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", dirs.node());
        out.put("endpointDir", dirs.endpointDir().toString());
        out.put("serviceDir", dirs.serviceDir().toString());
        out.put("files", files);
        out.put("truncated", truncated);
        return out;
    }

    private static boolean read(Path dir, FileKind kind, String prefix, List<Map<String, Object>> out) {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (name.startsWith(prefix) && kind.counts(name) && Files.isRegularFile(path)) {
                    paths.add(path);
                }
            }
        } catch (IOException e) {
            return false; // a missing directory lists nothing; the node checks report it
        }
        paths.sort(null);
        boolean truncated = false;
        for (Path path : paths) {
            if (out.size() >= MAX_FILES) {
                truncated = true;
                break;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("kind", kind.tag());
            f.put("name", path.getFileName().toString());
            try {
                if (Files.size(path) > MAX_BYTES) {
                    f.put("text", "(larger than " + MAX_BYTES + " bytes, not shown)");
                } else {
                    String text = Files.readString(path, StandardCharsets.UTF_8);
                    JsonNode content = parse(text);
                    if (content != null) {
                        f.put("content", content);
                    } else {
                        f.put("text", text);
                    }
                }
            } catch (IOException e) {
                f.put("text", "(cannot read: " + e.getMessage() + ")");
            }
            out.add(f);
        }
        return truncated;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
