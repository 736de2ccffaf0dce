package io.acicni.epwriter.files;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What this process last wrote to (or found identical in) one directory: file name → content. A full
 * pass ({@link DirectoryReconciler#reconcile}) rebuilds it from the disk; an incremental pass
 * ({@link DirectoryReconciler#update}) compares with it instead of reading files, and keeps it current.
 * Memory: about the size of the directory's files (the content is kept for the audit's {@code before}).
 *
 * <p>Not thread-safe. Each node's caches are touched only inside that node's
 * {@code NodeFileSync.sync}, which is synchronized: one pass at a time, on whichever thread runs it
 * (the scheduler's worker or a CNI request thread in {@code syncNow}).
 */
public final class WrittenFiles {
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private int otherFiles;

    public byte[] get(String name) {
        return files.get(name);
    }

    void put(String name, byte[] content) {
        files.put(name, content);
    }

    void remove(String name) {
        files.remove(name);
    }

    void clear() {
        files.clear();
        otherFiles = 0;
    }

    /** Names starting with a prefix, e.g. {@code <pod-uid>_} for a pod's {@code .ep} files. */
    public Set<String> namesStartingWith(String prefix) {
        SortedMap<String, byte[]> range = files.subMap(prefix, prefix + Character.MAX_VALUE);
        return Set.copyOf(range.keySet());
    }

    public boolean contains(String name) {
        return files.containsKey(name);
    }

    public int size() {
        return files.size();
    }

    /** Files of the kind counted in the directory at the last full pass that are not ours (Cisco's, unwritable ones). */
    void otherFiles(int count) {
        otherFiles = Math.max(0, count);
    }

    /** The file count of the directory as far as this process knows: ours plus the others seen at the last full pass. */
    public int files() {
        return files.size() + otherFiles;
    }
}
