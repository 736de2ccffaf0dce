package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileWriterTest {
    final AtomicFileWriter writer = new AtomicFileWriter();

    @TempDir
    Path dir;

    @Test
    void createsThenSkipsUnchangedThenChanges() throws Exception {
        byte[] a = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"a\": 2}".getBytes(StandardCharsets.UTF_8);
        assertThat(writer.write(dir, "x.ep", a).outcome()).isEqualTo(WriteOutcome.CREATED);
        var modified = Files.getLastModifiedTime(dir.resolve("x.ep"));
        assertThat(writer.write(dir, "x.ep", a).outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(Files.getLastModifiedTime(dir.resolve("x.ep"))).isEqualTo(modified);
        AtomicFileWriter.Result changed = writer.write(dir, "x.ep", b);
        assertThat(changed.outcome()).isEqualTo(WriteOutcome.CHANGED);
        assertThat(changed.previous()).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("x.ep"))).isEqualTo(b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("x.ep")))).isEqualTo("rw-r--r--");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("x.ep");
        }
    }

    @Test
    void deleteReportsWhetherSomethingWasThere() throws Exception {
        writer.write(dir, "x.ep", new byte[]{'1'});
        assertThat(writer.delete(dir, "x.ep")).containsExactly('1');
        assertThat(writer.delete(dir, "x.ep")).isNull();
    }

    @Test
    void refusesNamesThatLeaveTheDirectory() {
        assertThatThrownBy(() -> writer.write(dir, "../evil.ep", new byte[0])).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> writer.write(dir, "..", new byte[0])).isInstanceOf(UnsafeNameException.class);
        assertThatThrownBy(() -> writer.write(dir, "a\0b", new byte[0])).isInstanceOf(UnsafeNameException.class);
        assertThat(dir.getParent().resolve("evil.ep")).doesNotExist();
    }

    /**
     * Invariant 6: a reader polling the directory never parses an incomplete file. The writer runs
     * without fsync here: visibility to readers comes from the rename alone, and 20,000 fsyncs would
     * make the test take minutes.
     */
    @Test
    void concurrentReaderNeverSeesAPartialFileDuring10000Rewrites() throws Exception {
        AtomicFileWriter writer = new AtomicFileWriter(false);
        ObjectMapper mapper = new ObjectMapper();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger parsed = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        if (!p.getFileName().toString().endsWith(".ep")) {
                            continue;
                        }
                        try {
                            byte[] bytes = Files.readAllBytes(p);
                            var tree = mapper.readTree(bytes);
                            if (tree == null || tree.get("seq") == null || tree.get("pad").asText().length() != 4000) {
                                failures.add("incomplete: " + new String(bytes, StandardCharsets.UTF_8));
                            }
                            parsed.incrementAndGet();
                        } catch (NoSuchFileException gone) {
                            // renamed over between list and read: fine
                        }
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        reader.start();
        String pad = "x".repeat(4000);
        for (int i = 0; i < 10_000; i++) {
            byte[] content = ("{\"seq\": " + i + ", \"pad\": \"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            writer.write(dir, "pod_c_veth" + (i % 3) + ".ep", content);
        }
        done.set(true);
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(parsed.get()).isPositive();
    }
}
