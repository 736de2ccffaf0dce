package io.acicni.localrun.process;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A class archive trained on a real run of the service. The archive Quarkus dumps at build time
 * ({@code app-cds.jsa}) holds only the ~2,500 classes loaded before the app starts; the Kafka
 * clients, fabric8 and the Jackson model classes are still read, parsed and verified from the jars
 * at every start. An archive written at the exit of a run that went through start-up and readiness
 * holds all of them. Its format follows the JDK that runs the services:
 * <ul>
 *   <li>{@link #DYNAMIC_CDS}, JDK 17 to 24: a dynamic class-data sharing archive
 *       ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile});</li>
 *   <li>{@link #AOT_CACHE}, JDK 25 and later: an ahead-of-time cache (JEPs 483, 514, 515:
 *       classes loaded and linked, method profiles; {@code -XX:AOTCacheOutput}, then
 *       {@code -XX:AOTCache}).</li>
 * </ul>
 *
 * <p>The first run of a freshly built app trains: it writes {@code <file>.<process>.part} when it
 * stops, and {@link #adopt} renames that to {@link #file()} once the JVM has exited by itself (a
 * killed JVM may leave half a file, which is deleted). Later runs use the trained archive while it
 * is newer than {@code quarkus-run.jar} (a rebuild makes it stale, and the next run trains again).
 * The JVM checks the archive itself too (JDK build, class path, jar times) and runs without it if it
 * does not match. Measured figures: docs/operations.md "Start-up and memory".
 */
public enum TrainedArchive {
    DYNAMIC_CDS("app-cds-trained.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=",
            List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off")),
    AOT_CACHE("app-trained.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=", List.of("-Xlog:aot=off", "-Xlog:cds=off"));

    /** Set to {@code false} to never train (e.g. to measure the build-time archive alone). */
    public static final String TRAINING_PROPERTY = "aci-dualstack.cds-training";
    /** The first JDK whose AOT cache is written in one step, at the exit of the training run. */
    static final int AOT_CACHE_SINCE = 25;

    private final String file;
    private final String trainOption;
    private final String useOption;
    /** The JVM's per-class "Skipping ..." warnings of a dump are not logged. */
    private final List<String> quietOptions;

    TrainedArchive(String file, String trainOption, String useOption, List<String> quietOptions) {
        this.file = file;
        this.trainOption = trainOption;
        this.useOption = useOption;
        this.quietOptions = quietOptions;
    }

    /** The format for a JDK of this feature version (17, 21, 25, ...). */
    public static TrainedArchive forJdk(int featureVersion) {
        return featureVersion >= AOT_CACHE_SINCE ? AOT_CACHE : DYNAMIC_CDS;
    }

    /** The format for the JDK of this process, which the local run also starts the services with. */
    public static TrainedArchive ofThisJdk() {
        return forJdk(Runtime.version().feature());
    }

    /** Whether JVM options already choose class sharing themselves (the local run then adds nothing). */
    public static boolean chosenBy(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.equals("-Xshare:off") || o.startsWith("-XX:SharedArchiveFile=")
                || o.startsWith("-XX:ArchiveClassesAtExit=") || o.startsWith("-XX:AOTCache=")
                || o.startsWith("-XX:AOTCacheOutput=") || o.startsWith("-XX:AOTMode="));
    }

    /** Whether training runs write an archive when none is usable (system property {@value #TRAINING_PROPERTY}, default true). */
    public static boolean trainingEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(TRAINING_PROPERTY, "true"));
    }

    /** The trained archive's file name in the app directory. */
    public String file() {
        return file;
    }

    /** The JVM options of a run that uses the trained archive. */
    public List<String> useOptions() {
        return List.of(useOption + file);
    }

    /** The JVM options of a run of process {@code name} that trains: it writes {@link #part} at its exit. */
    public List<String> trainOptions(Path appDir, String name) {
        List<String> options = new ArrayList<>();
        options.add(trainOption + part(appDir, name).getFileName());
        options.addAll(quietOptions);
        return options;
    }

    /** Whether these JVM options make the run a training run of this format. */
    public boolean trains(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.startsWith(trainOption));
    }

    /** Whether a trained archive exists for this build of the app in {@code appDir}. */
    public boolean usable(Path appDir) {
        Path archive = appDir.resolve(file);
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

    /** The file a training run of process {@code name} writes (one per process: several may train at once). */
    public Path part(Path appDir, String name) {
        return appDir.resolve(file + "." + name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".part");
    }

    /**
     * After a training run: renames its part file to {@link #file()} when the JVM exited by itself,
     * deletes it otherwise. Returns whether an archive was adopted.
     */
    public boolean adopt(Path part, Path appDir, boolean exitedByItself) {
        try {
            if (!Files.isRegularFile(part)) {
                return false;
            }
            if (!exitedByItself || Files.size(part) == 0) {
                Files.deleteIfExists(part);
                return false;
            }
            try {
                Files.move(part, appDir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, appDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
