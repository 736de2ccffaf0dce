package io.acicni.localrun.process;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

/**
 * A class-data sharing archive trained on a real run of the service. The archive Quarkus dumps at
 * build time ({@code app-cds.jsa}) holds only the ~2,500 classes loaded before the app starts; the
 * Kafka clients, fabric8 and the Jackson model classes are still read, parsed and verified from the
 * jars at every start. A JDK 17 dynamic archive written at the exit of a run that went through
 * start-up and readiness ({@code -XX:ArchiveClassesAtExit}) holds all of them.
 *
 * <p>The first run of a freshly built app trains: it writes {@code app-cds-trained.jsa.<process>.part}
 * when it stops, and {@link #adopt} renames that to {@value #FILE} once the JVM has exited by itself
 * (a killed JVM may leave half a file, which is deleted). Later runs use the trained archive while it
 * is newer than {@code quarkus-run.jar} (a rebuild makes it stale, and the next run trains again).
 * The JVM checks the archive itself too (JDK build, class path, jar times) and runs without sharing
 * if it does not match. Measured figures: docs/operations.md "Start-up and memory".
 */
public final class TrainedArchive {
    public static final String FILE = "app-cds-trained.jsa";
    /** Set to {@code false} to never train (e.g. to measure the build-time archive alone). */
    public static final String TRAINING_PROPERTY = "aci-dualstack.cds-training";

    private TrainedArchive() {
    }

    /** Whether a trained archive exists for this build of the app in {@code appDir}. */
    public static boolean usable(Path appDir) {
        Path archive = appDir.resolve(FILE);
        Path jar = appDir.resolve("quarkus-run.jar");
        try {
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0 || !Files.isRegularFile(jar)) {
                return false;
            }
            FileTime archived = Files.getLastModifiedTime(archive);
            return archived.compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether runs train an archive when none is usable (system property {@value #TRAINING_PROPERTY}, default true). */
    public static boolean trainingEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(TRAINING_PROPERTY, "true"));
    }

    /** The file a training run of process {@code name} writes (one per process: several may train at once). */
    public static Path part(Path appDir, String name) {
        return appDir.resolve(FILE + "." + name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".part");
    }

    /**
     * After a training run: renames its part file to {@value #FILE} when the JVM exited by itself,
     * deletes it otherwise. Returns whether an archive was adopted.
     */
    public static boolean adopt(Path part, Path appDir, boolean exitedByItself) {
        try {
            if (!Files.isRegularFile(part)) {
                return false;
            }
            if (!exitedByItself || Files.size(part) == 0) {
                Files.deleteIfExists(part);
                return false;
            }
            try {
                Files.move(part, appDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, appDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
