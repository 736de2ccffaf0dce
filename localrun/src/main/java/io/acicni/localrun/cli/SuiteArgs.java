package io.acicni.localrun.cli;

import io.acicni.localrun.suite.ClusterSpec;
import io.acicni.localrun.suite.SuiteOptions;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options shared by every command that starts the suite ({@code up}, {@code bench pipeline}, {@code bench footprint}). */
public class SuiteArgs {
    @Option(names = "--home", paramLabel = "DIR", description = "the aci-dualstack checkout (default: set by the launcher, else the current directory)")
    Path home;

    @Option(names = "--var", paramLabel = "DIR", description = "where the run keeps its files (default: <home>/var)")
    Path var;

    @Option(names = "--jvm-options", paramLabel = "OPTIONS",
            description = "JVM options of the service processes (default: @shipped, each service's options from its manifest "
                    + "with -XX:MaxRAM = its memory limit; \"@shipped -XX:+Foo\" adds to them, a list without @shipped replaces them)")
    String jvmOptions;

    @Option(names = "--jfr", paramLabel = "DIR",
            description = "record each service JVM with Java Flight Recorder (profile settings) into DIR (one .jfr per process)")
    Path jfr;

    @Option(names = {"-P", "--property"}, paramLabel = "MODULE:KEY=VALUE",
            description = "extra -D setting of a service, e.g. ep-writer-service:acicni.ep-writer.debounce=20ms (repeatable)")
    List<String> properties = new ArrayList<>();

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "seconds each service may take to become ready (default: ${DEFAULT-VALUE}; a loaded 2-core machine needs long)")
    long readyTimeout;

    /** The suite options these arguments describe, for {@code cluster} with {@code nodesPerEpWriter} nodes per ep-writer. */
    public SuiteOptions options(ClusterSpec cluster, int nodesPerEpWriter) throws java.io.IOException {
        Path h = home != null ? home : Path.of(System.getProperty("aci-dualstack.home", "."));
        SuiteOptions o = SuiteOptions.defaults(h).withCluster(cluster).withNodesPerEpWriter(nodesPerEpWriter);
        if (var != null) {
            o = o.withVar(var);
        }
        List<String> jvm = new ArrayList<>(jvmOptions == null ? SuiteOptions.DEFAULT_JVM_OPTIONS
                : Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        if (jfr != null) {
            Path dir = jfr.toAbsolutePath();
            Files.createDirectories(dir);
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + dir);
        }
        o = o.withJvmOptions(jvm);
        o = o.withExtraProperties(parseProperties(properties));
        return new SuiteOptions(o.home(), o.var(), o.input(), o.flavor(), o.cluster(), o.nodesPerEpWriter(), o.jvmOptions(),
                java.time.Duration.ofSeconds(readyTimeout), o.extraProperties(), o.oneAtATime());
    }

    public static Map<String, Map<String, String>> parseProperties(List<String> specs) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String s : specs) {
            int colon = s.indexOf(':');
            int eq = s.indexOf('=');
            if (colon <= 0 || eq < colon + 2) {
                throw new IllegalArgumentException("--property wants MODULE:KEY=VALUE, got '" + s + "'");
            }
            out.computeIfAbsent(s.substring(0, colon), k -> new LinkedHashMap<>()).put(s.substring(colon + 1, eq), s.substring(eq + 1));
        }
        return out;
    }
}
