package io.acicni.epwriter.sync;

import java.nio.file.Path;

/**
 * The directories of one (possibly simulated) node.
 *
 * @param node        node name
 * @param endpointDir where {@code .ep} files go
 * @param serviceDir  where {@code .service} files go
 * @param metadataDir this service's own per-node state: registered sandboxes, the CNI token
 */
public record NodeDirs(String node, Path endpointDir, Path serviceDir, Path metadataDir) {
}
