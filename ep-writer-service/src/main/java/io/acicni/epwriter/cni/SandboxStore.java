package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.FileNames;
import io.acicni.epwriter.files.Sandbox;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        byte[] json = json(sandbox);
        String name = sandbox.containerId() + ".json"; // validated by Sandbox
        try {
            try {
                writer.replace(dir, name, json);
            } catch (NoSuchFileException e) {
                // the first record, or the directory was removed: create it once, not on every ADD
                Files.createDirectories(dir);
                writer.replace(dir, name, json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record sandbox " + sandbox.containerId() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code {"podUid":…,"containerId":…,"veth":…,"ifName":…[,"netns":…]}}, streamed (the bytes a tree of the same fields gives). */
    static byte[] json(Sandbox sandbox) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256); JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("podUid", sandbox.podUid());
            g.writeStringField("containerId", sandbox.containerId());
            g.writeStringField("veth", sandbox.veth());
            g.writeStringField("ifName", sandbox.ifName());
            if (sandbox.netns() != null) {
                g.writeStringField("netns", sandbox.netns());
            }
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sandbox record to memory", e);
        }
    }

    public void delete(String containerId) {
        try {
            writer.remove(dir, FileNames.containerId(containerId) + ".json");
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
