package io.acicni.epwriter.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Makes one directory hold exactly the desired files of a kind. Two ways:
 * <ul>
 *   <li>{@link #reconcile} (full pass): lists the directory, writes every desired file through the
 *       {@link AtomicFileWriter} (which reads it first; unchanged ones are skipped), deletes managed
 *       files that are not desired and leftover temporary files of an interrupted write, and leaves in
 *       the {@link WrittenFiles} exactly the desired files now on disk. Files of other owners (Cisco's
 *       {@code veth_host_ac} and null-MAC endpoints, anything with another suffix) are left alone.
 *       A desired {@code <uuid>.service} replaces a legacy {@code <uuid>.as}.</li>
 *   <li>{@link #update} (incremental pass): only the names of the changed subjects, compared with the
 *       {@link WrittenFiles} instead of the disk; nothing else in the directory is listed or read.</li>
 * </ul>
 */
public final class DirectoryReconciler {
    private final AtomicFileWriter writer;
    private final boolean forceAfterPass;

    public DirectoryReconciler(AtomicFileWriter writer) {
        this(writer, false);
    }

    /**
     * @param forceAfterPass force the pass's written files and the directory at the end of the pass
     *                       ({@link FsyncPolicy#PER_PASS}; the writer then does not sync itself)
     */
    public DirectoryReconciler(AtomicFileWriter writer, boolean forceAfterPass) {
        this.writer = writer;
        this.forceAfterPass = forceAfterPass;
    }

    /** The reconciler of a policy: per-file syncs in the writer, per-pass at the end of each pass, none never. */
    public static DirectoryReconciler of(FsyncPolicy policy) {
        return switch (policy) {
            case PER_FILE -> new DirectoryReconciler(new AtomicFileWriter(true), false);
            case PER_PASS -> new DirectoryReconciler(new AtomicFileWriter(false), true);
            case NONE -> new DirectoryReconciler(new AtomicFileWriter(false), false);
        };
    }

    /** Outcome of one pass; {@code files} = the kind's files in the directory after it. */
    public record Pass(List<FileChange> changes, int unchanged, int files, List<String> errors) {
    }

    /** A full pass without a cache to keep (tests). */
    public Pass reconcile(FileKind kind, Path dir, Map<String, byte[]> desired, BiConsumer<String, IOException> onError) {
        return reconcile(kind, dir, desired, new WrittenFiles(), onError);
    }

    /**
     * Full pass: the directory is listed and every desired file read and compared.
     *
     * @param written rebuilt: afterwards it holds the desired files known to be on disk
     * @param onError receives (file name, error) for each file that could not be written or deleted;
     *                the pass goes on with the others
     */
    public Pass reconcile(FileKind kind, Path dir, Map<String, byte[]> desired, WrittenFiles written,
                          BiConsumer<String, IOException> onError) {
        written.clear();
        List<FileChange> changes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int unchanged = 0;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            onError.accept(dir.toString(), e);
            errors.add(dir + ": " + e);
            return new Pass(changes, 0, 0, errors);
        }
        List<String> present = list(dir, onError, errors);
        for (String name : present) {
            boolean leftoverTemp = name.startsWith(AtomicFileWriter.TEMP_PREFIX) && name.endsWith(AtomicFileWriter.TEMP_SUFFIX);
            if (leftoverTemp || (kind.isManaged(name) && !desired.containsKey(name))) {
                try {
                    byte[] before = writer.delete(dir, name);
                    if (before != null && !leftoverTemp) {
                        changes.add(new FileChange(kind, name, FileChange.Action.REMOVED, before, null, true));
                    }
                } catch (IOException e) {
                    onError.accept(name, e);
                    errors.add(name + ": " + e);
                }
            }
        }
        for (Map.Entry<String, byte[]> entry : desired.entrySet()) {
            try {
                AtomicFileWriter.Result result = writer.write(dir, entry.getKey(), entry.getValue());
                switch (result.outcome()) {
                    case UNCHANGED -> unchanged++;
                    case CREATED -> changes.add(new FileChange(kind, entry.getKey(), FileChange.Action.CREATED, null, entry.getValue(), true));
                    case CHANGED -> changes.add(new FileChange(kind, entry.getKey(), FileChange.Action.CHANGED, result.previous(), entry.getValue(), true));
                }
                written.put(entry.getKey(), entry.getValue());
            } catch (IOException | UnsafeNameException e) {
                fail(entry.getKey(), e, onError, errors);
            }
        }
        forceAfterPass(dir, changes, onError, errors);
        int files = (int) list(dir, (n, e) -> { }, new ArrayList<>()).stream().filter(kind::counts).count();
        written.otherFiles(files - written.size());
        return new Pass(changes, unchanged, files, errors);
    }

    /**
     * Incremental pass over the names of some subjects: each desired file is compared with what this
     * process last wrote and written only if it differs (without reading the disk); each name in
     * {@code owned} that is no longer desired is deleted. Nothing else is listed or read.
     *
     * @param desired the subjects' desired files
     * @param owned   the subjects' names in {@code written} (their files from the last passes)
     */
    public Pass update(FileKind kind, Path dir, Map<String, byte[]> desired, Collection<String> owned, WrittenFiles written,
                       BiConsumer<String, IOException> onError) {
        List<FileChange> changes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int unchanged = 0;
        for (String name : owned) {
            if (desired.containsKey(name)) {
                continue;
            }
            byte[] before = written.get(name);
            try {
                written.remove(name);
                if (writer.remove(dir, name)) {
                    changes.add(new FileChange(kind, name, FileChange.Action.REMOVED, before, null, false));
                }
            } catch (IOException | UnsafeNameException e) {
                fail(name, e, onError, errors);
            }
        }
        for (Map.Entry<String, byte[]> entry : desired.entrySet()) {
            String name = entry.getKey();
            byte[] before = written.get(name);
            if (before != null && java.util.Arrays.equals(before, entry.getValue())) {
                unchanged++;
                continue;
            }
            try {
                written.remove(name); // unknown until the write succeeds
                writer.replace(dir, name, entry.getValue());
                written.put(name, entry.getValue());
                changes.add(new FileChange(kind, name, before == null ? FileChange.Action.CREATED : FileChange.Action.CHANGED,
                        before, entry.getValue(), false));
            } catch (IOException | UnsafeNameException e) {
                fail(name, e, onError, errors);
            }
        }
        forceAfterPass(dir, changes, onError, errors);
        return new Pass(changes, unchanged, written.files(), errors);
    }

    private void forceAfterPass(Path dir, List<FileChange> changes, BiConsumer<String, IOException> onError, List<String> errors) {
        if (forceAfterPass && !changes.isEmpty()) {
            List<String> written = changes.stream().filter(c -> c.action() != FileChange.Action.REMOVED).map(FileChange::name).toList();
            try {
                AtomicFileWriter.force(dir, written);
            } catch (IOException e) {
                onError.accept(dir.toString(), e);
                errors.add(dir + ": " + e);
            }
        }
    }

    private static void fail(String name, Exception e, BiConsumer<String, IOException> onError, List<String> errors) {
        IOException io = e instanceof IOException ioe ? ioe : new IOException(e.getMessage(), e);
        onError.accept(name, io);
        errors.add(name + ": " + e.getMessage());
    }

    private static List<String> list(Path dir, BiConsumer<String, IOException> onError, List<String> errors) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    names.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            onError.accept(dir.toString(), e);
            errors.add(dir + ": " + e);
        }
        return names;
    }
}
