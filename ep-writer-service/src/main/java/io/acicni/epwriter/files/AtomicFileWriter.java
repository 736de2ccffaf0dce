package io.acicni.epwriter.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that a reader sees either the old content or the new, never a part: the content is
 * compared with what is on disk (identical → nothing written), else written to a temporary file in the
 * same directory, forced to disk, renamed over the target, and the directory entry forced too.
 * Temporary files start with {@value #TEMP_PREFIX} and end in {@value #TEMP_SUFFIX}, so GC can tell
 * leftovers of a crash from the files of others.
 */
public final class AtomicFileWriter {
    public static final String TEMP_PREFIX = ".acicni-";
    public static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");

    private final boolean syncToDisk;

    /** A writer that forces file and directory to disk (production). */
    public AtomicFileWriter() {
        this(true);
    }

    /**
     * @param syncToDisk whether to fsync the file before the rename and the directory after it; without,
     *                   readers still never see a partial file, but a power loss may lose the last writes
     */
    public AtomicFileWriter(boolean syncToDisk) {
        this.syncToDisk = syncToDisk;
    }

    /** Result of a write, with the content that was replaced (null when there was none). */
    public record Result(WriteOutcome outcome, byte[] previous) {
    }

    public Result write(Path dir, String name, byte[] content) throws IOException {
        Path target = resolve(dir, name);
        byte[] previous = readIfPresent(target);
        if (previous != null && Arrays.equals(previous, content)) {
            return new Result(WriteOutcome.UNCHANGED, previous);
        }
        replace(dir, name, content);
        return new Result(previous == null ? WriteOutcome.CREATED : WriteOutcome.CHANGED, previous);
    }

    /**
     * Writes without reading what is there first (the caller knows from {@link WrittenFiles} that it
     * differs): temporary file, [fsync], mode 0644, rename over the target, [directory fsync].
     */
    public void replace(Path dir, String name, byte[] content) throws IOException {
        Path target = resolve(dir, name);
        Path temp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            // O_CREAT|O_EXCL: never follows or reuses an existing name; one open instead of createTempFile's two
            temp = dir.resolve(TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
        boolean renamed = false;
        try {
            try (FileChannel open = channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    open.write(buffer);
                }
                if (syncToDisk) {
                    open.force(true);
                }
            }
            setMode(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                renamed = true;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically inside " + dir + ": " + e.getMessage(), e);
            }
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
        forceDirectory(dir);
    }

    /** Deletes a file; returns its content, or null when it did not exist. */
    public byte[] delete(Path dir, String name) throws IOException {
        Path target = resolve(dir, name);
        byte[] previous = readIfPresent(target);
        if (Files.deleteIfExists(target)) {
            forceDirectory(dir);
            return previous == null ? new byte[0] : previous;
        }
        return null;
    }

    /** Deletes a file without reading it; returns whether it existed. */
    public boolean remove(Path dir, String name) throws IOException {
        if (Files.deleteIfExists(resolve(dir, name))) {
            forceDirectory(dir);
            return true;
        }
        return false;
    }

    /** The file inside the directory; refuses names that are not a plain file name. */
    static Path resolve(Path dir, String name) {
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.equals(".") || name.equals("..")) {
            throw new UnsafeNameException("fileName", name, "must be a plain file name inside " + dir);
        }
        // one name element that is neither "." nor "..": its parent is dir (the former normalize()
        // comparison could never fail after these checks; AtomicFileWriterTest covers the refusals)
        return dir.resolve(name);
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void setMode(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, MODE_0644);
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file system (tests on other platforms): keep the default mode
        }
    }

    private void forceDirectory(Path dir) {
        if (!syncToDisk) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems refuse to open or sync a directory; the rename itself is still atomic
        }
    }

    /**
     * Forces files already written (by a writer that does not sync) and then their directory, once:
     * the {@link FsyncPolicy#PER_PASS} step at the end of a pass. Files gone meanwhile are skipped.
     */
    public static void force(Path dir, Iterable<String> names) throws IOException {
        for (String name : names) {
            try (FileChannel channel = FileChannel.open(resolve(dir, name), StandardOpenOption.READ)) {
                channel.force(true);
            } catch (NoSuchFileException gone) {
                // removed by a later change: nothing to force
            }
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems refuse to open or sync a directory; the renames themselves are still atomic
        }
    }

    /** Whether an I/O error means the directory is missing or read-only (reported by node checks). */
    public static boolean isDirectoryProblem(IOException e) {
        return e instanceof FileSystemException;
    }
}
