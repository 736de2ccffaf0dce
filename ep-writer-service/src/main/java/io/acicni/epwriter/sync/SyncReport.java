package io.acicni.epwriter.sync;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last sync pass of a node.
 *
 * @param full     whether the pass read the whole node from disk (first pass, resync) or only the changed subjects
 * @param problems annotation problems (defaults applied) and refused names, of every subject as last computed
 * @param errors   files that could not be written or deleted in this pass
 */
public record SyncReport(String node, Instant at, boolean full, int endpointFiles, int serviceFiles, int changes, int unchanged,
                         List<String> problems, List<String> errors) {
}
