package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.FileNames;
import io.acicni.epwriter.files.Sandbox;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Registered sandboxes survive a restart: one JSON file per container in
 * {@code <metadata-dir>/sandboxes/<container-id>.json} (Cisco keeps the equivalent in its
 * {@code cni-metadata-dir}), written atomically. An unreadable file is logged and skipped.
 */
public final class SandboxStore {
    private static final Logger LOG = Logger.getLogger(SandboxStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final AtomicFileWriter writer;

    public SandboxStore(Path metadataDir) {
        this(metadataDir, true);
    }

    /** @param syncToDisk force each record to disk (false under the {@code per-pass} and {@code none} fsync policies) */
    public SandboxStore(Path metadataDir, boolean syncToDisk) {
        this.writer = new AtomicFileWriter(syncToDisk);
        this.dir = metadataDir.resolve("sandboxes");
    }

    public void save(Sandbox sandbox) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("podUid", sandbox.podUid());
        json.put("containerId", sandbox.containerId());
        json.put("veth", sandbox.veth());
        json.put("ifName", sandbox.ifName());
        if (sandbox.netns() != null) {
            json.put("netns", sandbox.netns());
        }
        try {
            Files.createDirectories(dir);
            writer.write(dir, FileNames.containerId(sandbox.containerId()) + ".json", MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record sandbox " + sandbox.containerId() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public void delete(String containerId) {
        try {
            writer.delete(dir, FileNames.containerId(containerId) + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget sandbox " + containerId + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public List<Sandbox> load() {
        List<Sandbox> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    JsonNode json = MAPPER.readTree(file.toFile());
                    out.add(new Sandbox(text(json, "podUid"), text(json, "containerId"), text(json, "veth"),
                            text(json, "ifName"), text(json, "netns")));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warnf("Skipping unreadable sandbox record %s: %s", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("Cannot list sandbox records in %s: %s", dir, e.getMessage());
        }
        return out;
    }

    private static String text(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
