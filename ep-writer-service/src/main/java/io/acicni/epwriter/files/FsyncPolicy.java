package io.acicni.epwriter.files;

/**
 * When written files are forced to disk ({@code acicni.ep-writer.fsync}). Every policy keeps the
 * guarantee a running reader relies on: a file is written to a temporary name and renamed into place,
 * so opflex-agent sees the old content or the new, never a part. They differ only after a power loss
 * or kernel crash (a process crash loses nothing: the page cache survives it):
 * <ul>
 *   <li>{@link #PER_FILE}: each file is forced before its rename and its directory after it (two
 *       fsyncs per changed file). A file that is present after a power loss is complete.</li>
 *   <li>{@link #PER_PASS}: a sync pass writes and renames its changed files unforced, then forces
 *       each of them and the directory once (one fsync per changed file plus one per directory and
 *       pass). A power loss during a pass may leave the pass's files empty or at their old content;
 *       the first pass after the restart rewrites them from Kafka (restart convergence).</li>
 *   <li>{@link #NONE} (the default, see docs/ep-writer.md): nothing is forced; the kernel writes back within its dirty-page interval
 *       (~30 s). A power loss may leave recent files empty or stale until the first pass after the
 *       restart, which rewrites them; recent sandbox records may be lost, which matters little as a
 *       rebooted node's sandboxes are re-created by the kubelet's new ADDs.</li>
 * </ul>
 */
public enum FsyncPolicy {
    PER_FILE, PER_PASS, NONE
}
