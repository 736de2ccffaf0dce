package io.acicni.epwriter.sync;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last sync pass of a node.
 *
 * @param problems annotation problems (defaults applied) and refused names
 * @param errors   files that could not be written or deleted
 */
public record SyncReport(String node, Instant at, int endpointFiles, int serviceFiles, int changes, int unchanged,
                         List<String> problems, List<String> errors) {
}
