package io.acicni.deploy.provision;

import java.nio.file.Path;

/**
 * One output of a run: where it goes ({@code null} = stdout), its content, and how to name it in
 * the {@code INFO:} line; {@code createParent} creates a missing directory (only once all
 * outputs are ready to be written).
 */
public record OutputFile(Path target, String content, String description, boolean createParent) {
    public OutputFile(Path target, String content, String description) {
        this(target, content, description, false);
    }

    public static OutputFile stdout(String content, String description) {
        return new OutputFile(null, content, description);
    }

    public boolean toStdout() {
        return target == null;
    }
}
