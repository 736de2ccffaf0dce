package io.acicni.localrun.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service running as its own JVM ({@code java -jar quarkus-run.jar}), configured the way
 * it is in a cluster: system properties for {@code acicni.*} / {@code quarkus.*} settings and
 * environment variables for Kafka, kubeconfig and secrets (never on the command line, so they do not
 * show in {@code ps}). Output goes to a log file; {@link #tail(int)} quotes it when the process fails.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Spec spec;
    private final Process process;
    private final long startedNanos;
    private volatile Duration readyAfter;
    private volatile Duration cpuAtReady;
    private volatile int port;
    private final boolean training;
    private final List<String> archiveOptions;
    /** The trained archive's format for the JDK the services run on (the one running this process). */
    private static final TrainedArchive TRAINED = TrainedArchive.ofThisJdk();

    /**
     * What to run.
     *
     * @param name        short name, used for the log file and in messages ({@code ep-writer/node-1})
     * @param jar         the app's {@code quarkus-run.jar}
     * @param port        HTTP port it serves; 0 = a free one chosen by the process (read from its log)
     * @param jvmOptions  JVM options (heap, GC)
     * @param properties  {@code -D} settings
     * @param environment extra environment variables
     * @param log         file for its standard output and error
     */
    public record Spec(String name, Path jar, int port, List<String> jvmOptions, Map<String, String> properties,
                       Map<String, String> environment, Path log) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(jar, "jar");
            jvmOptions = List.copyOf(jvmOptions);
            properties = Map.copyOf(properties);
            environment = Map.copyOf(environment);
        }

    }

    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    /** Quarkus' start line: "... started in 1.234s. Listening on: ..." (JVM + Quarkus boot, measured by Quarkus). */
    private static final java.util.regex.Pattern STARTED_IN = java.util.regex.Pattern.compile(" started in (\\d+(?:\\.\\d+)?)s\\.");
    /** Readiness poll interval: the resolution of {@link #readyAfter()}; each poll also costs the service a request. */
    static final long POLL_MILLIS = 100;

    private ServiceProcess(Spec spec, Process process, long startedNanos, List<String> archiveOptions) {
        this.spec = spec;
        this.archiveOptions = List.copyOf(archiveOptions);
        this.training = TRAINED.trains(archiveOptions);
        this.process = process;
        this.startedNanos = startedNanos;
        this.port = spec.port();
    }

    /** Starts the JVM; returns at once. */
    public static ServiceProcess start(Spec spec) {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": " + spec.jar() + " is missing; build it with "
                    + "./mvnw -q package -DskipTests (./aci-dualstack up does this for you)");
        }
        List<String> archive = archiveOptions(spec, TrainedArchive.trainingEnabled(), TRAINED);
        List<String> command = command(spec, archive);
        try {
            Files.createDirectories(spec.log().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.jar().toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(spec.log().toFile()));
            builder.environment().putAll(spec.environment());
            long now = System.nanoTime();
            return new ServiceProcess(spec, builder.start(), now, archive);
        } catch (IOException e) {
            throw new UncheckedIOException(spec.name() + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The class-data sharing archive Quarkus writes next to the jar when {@code quarkus.package.jar.appcds.enabled=true}. */
    public static final String APPCDS_ARCHIVE = "app-cds.jsa";

    /**
     * The command line. The process runs in the jar's directory ({@code target/quarkus-app}) and names
     * the jar relatively, as Quarkus did when it dumped the AppCDS archive: the archive records the
     * class path as {@code quarkus-run.jar} and the JVM refuses it for any other spelling. When that
     * archive exists it is used ({@code -XX:SharedArchiveFile}; the JVM falls back to no sharing if it
     * cannot map it, e.g. after a JDK update), unless the JVM options already choose
     * ({@code -Xshare:off} or their own {@code -XX:SharedArchiveFile}).
     */
    static List<String> command(Spec spec) {
        return command(spec, archiveOptions(spec, TrainedArchive.trainingEnabled(), TRAINED));
    }

    /** The command line with these class-data sharing options ({@link #archiveOptions}). */
    static List<String> command(Spec spec, List<String> archiveOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(spec.jvmOptions());
        command.addAll(archiveOptions);
        command.add("-Dquarkus.http.port=" + spec.port());
        command.add("-Dquarkus.http.host=127.0.0.1");
        spec.properties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(spec.jar().getFileName().toString());
        return command;
    }

    /**
     * The class-data sharing options, unless the JVM options already choose ({@link TrainedArchive#chosenBy}):
     * the trained archive of this {@code format} when one is usable; else a training run ({@code train},
     * and not recording with JFR); else the build-time archive if the build made one.
     */
    static List<String> archiveOptions(Spec spec, boolean train, TrainedArchive format) {
        Path dir = spec.jar().toAbsolutePath().getParent();
        if (TrainedArchive.chosenBy(spec.jvmOptions()) || dir == null) {
            return List.of();
        }
        if (format.usable(dir)) {
            return format.useOptions();
        }
        if (train && !recordsFlight(spec.jvmOptions())) {
            return format.trainOptions(dir, spec.name());
        }
        if (Files.isRegularFile(dir.resolve(APPCDS_ARCHIVE))) {
            return List.of("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        return List.of();
    }

    /**
     * Whether the options start a Flight Recorder recording: such a run does not train an archive, since
     * JDK 17 disables JFR while it dumps a dynamic one ("JFR will be disabled during CDS dumping", and the
     * {@code bench --jfr} run after a rebuild recorded nothing).
     */
    static boolean recordsFlight(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:StartFlightRecording"));
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 (returns at once if it already did). Fails early, quoting the log, when the process
     * exits; fails with the last health answer when the time runs out.
     */
    public void awaitReady(Duration timeout) {
        if (readyAfter != null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        URI ready = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + spec.log() + ":\n" + tail(25));
            }
            if (port == 0 && !discoverPort()) {
                last = "not listening yet";
                sleep(POLL_MILLIS);
                continue;
            }
            ready = baseUrl().resolve("/q/health/ready");
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
                    cpuAtReady = process.toHandle().info().totalCpuDuration().orElse(null);
                    return;
                }
                last = "HTTP " + answer.statusCode() + " " + answer.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
            }
            sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout.toSeconds() + " s ("
                + (ready == null ? "" : ready + ": ") + last + "); see " + spec.log());
    }

    /**
     * JVM + Quarkus boot as Quarkus logs it ("started in X s": from the main class to the HTTP server
     * listening, before what readiness waits for), if the log has it.
     */
    public java.util.Optional<Duration> bootTime() {
        try {
            return startedIn(Files.readString(spec.log(), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }

    static java.util.Optional<Duration> startedIn(String log) {
        java.util.regex.Matcher m = STARTED_IN.matcher(log);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * 1e9)));
    }

    /** CPU time (user + system) the process had used when it was first seen ready; null if unknown. */
    public Duration cpuAtReady() {
        return cpuAtReady;
    }

    /** Reads the port Quarkus chose from its "Listening on:" log line. */
    private boolean discoverPort() {
        try {
            java.util.regex.Matcher m = LISTENING.matcher(Files.readString(spec.log(), StandardCharsets.UTF_8));
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return true;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // not written yet
        }
        return false;
    }

    /** {@code http://127.0.0.1:<port>}; the port is known once {@link #awaitReady} saw it listening. */
    public URI baseUrl() {
        if (port == 0) {
            throw new IllegalStateException(spec.name() + " has not reported its port yet");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Spec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The class-data sharing options this process was started with (trained, training, build-time archive or none). */
    public List<String> archiveOptions() {
        return archiveOptions;
    }

    /** Time from start to the first ready answer, once {@link #awaitReady} succeeded. */
    public Duration readyAfter() {
        return readyAfter;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Kills the JVM at once (SIGKILL), as a crash would; a training run's unfinished archive is deleted. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
        adoptTrainedArchive(false);
    }

    /**
     * Asks the JVM to stop (SIGTERM, Quarkus shuts down cleanly), then kills it after the grace time
     * (at least {@link #TRAINING_GRACE} when this run writes a trained archive at its exit).
     */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            Duration wait = training && grace.compareTo(TRAINING_GRACE) < 0 ? TRAINING_GRACE : grace;
            if (!waitFor(wait)) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
                adoptTrainedArchive(false);
                return;
            }
        }
        adoptTrainedArchive(true);
    }

    /** How long a training run may take to write its archive after SIGTERM. */
    static final Duration TRAINING_GRACE = Duration.ofSeconds(60);

    private void adoptTrainedArchive(boolean exitedByItself) {
        if (training && !process.isAlive()) {
            Path dir = spec.jar().toAbsolutePath().getParent();
            TRAINED.adopt(TRAINED.part(dir, spec.name()), dir, exitedByItself);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(spec.log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + spec.log() + " unreadable: " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
