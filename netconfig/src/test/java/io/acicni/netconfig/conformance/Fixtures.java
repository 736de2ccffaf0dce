package io.acicni.netconfig.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The acc-provision fixtures in {@code shared/fixtures/acc-provision}, found by walking up from
 * the working directory (a module directory in a worktree or in a clone with {@code shared/}
 * beside it). The system property {@code acicni.fixtures} overrides the location.
 */
public final class Fixtures {
    private static final Path RELATIVE = Path.of("shared", "fixtures", "acc-provision");

    private Fixtures() {
    }

    public static Path dir() {
        String override = System.getProperty("acicni.fixtures");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/acc-provision not found above " + Path.of("").toAbsolutePath());
    }

    /** Names of all inputs ({@code <name>.inp.yaml}), sorted. */
    public static List<String> inputNames() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".inp.yaml"))
                    .map(n -> n.substring(0, n.length() - ".inp.yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path input(String name) {
        return dir().resolve(name + ".inp.yaml");
    }

    public static Optional<Path> expected(String name, String suffix) {
        Path file = dir().resolve(name + suffix);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code ERR:} lines of a {@code <name>.stdout.txt}. */
    public static List<String> expectedErrLines(String name) {
        return read(expected(name, ".stdout.txt").orElseThrow()).lines()
                .filter(l -> l.startsWith("ERR:"))
                .toList();
    }
}
