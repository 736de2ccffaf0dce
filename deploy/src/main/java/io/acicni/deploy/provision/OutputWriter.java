package io.acicni.deploy.provision;

import io.acicni.deploy.cli.Console;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes all outputs of a run or none: every file goes to a temporary file beside its target
 * first; only when all are written are they renamed into place.
 */
public final class OutputWriter {
    private OutputWriter() {
    }

    public static void writeAll(List<OutputFile> outputs, Console console, PrintWriter stdout) throws ProvisionException {
        List<Path[]> staged = new ArrayList<>();
        try {
            for (OutputFile output : outputs) {
                if (output.toStdout()) {
                    continue;
                }
                Path target = output.target().toAbsolutePath();
                Path dir = target.getParent();
                if (dir != null && output.createParent()) {
                    Files.createDirectories(dir);
                }
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new ProvisionException("Cannot write " + output.target() + ": directory " + dir + " does not exist");
                }
                Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
                staged.add(new Path[] {temp, target});
                Files.writeString(temp, output.content(), StandardCharsets.UTF_8);
            }
            for (Path[] pair : staged) {
                move(pair[0], pair[1]);
            }
        } catch (IOException e) {
            throw new ProvisionException("Cannot write output: " + e.getMessage());
        } finally {
            for (Path[] pair : staged) {
                try {
                    Files.deleteIfExists(pair[0]);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file is hidden and harmless
                }
            }
        }
        for (OutputFile output : outputs) {
            if (output.toStdout()) {
                stdout.print(output.content());
                stdout.flush();
            } else {
                console.info("Writing " + output.description() + " to " + output.target());
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
