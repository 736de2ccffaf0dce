package io.acicni.deploy.target;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a node's ep-writer and files can be reached: its ep-writer's base URL and, in a local run,
 * the directories themselves. Any part may be absent.
 */
public record NodeAccess(String epWriterUrl, Path endpointDir, Path serviceDir) {

    public Optional<String> epWriter() {
        return Optional.ofNullable(epWriterUrl).filter(u -> !u.isBlank());
    }

    public boolean hasDirectories() {
        return endpointDir != null && serviceDir != null;
    }
}
