package io.acicni.localrun.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ipam", mixinStandardHelpOptions = true,
        description = "The ipam allocator benchmarks W1 (pod churn) and W2 (flat pool churn) under JMH, with the HashMap "
                + "calibration and the heap footprint: runs ipam-service/src/jmh/run-benchmarks.sh (extra arguments go to JMH).")
public class IpamBenchCommand implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", description = "the aci-dualstack checkout (default: set by the launcher)")
    Path home;

    @Parameters(paramLabel = "JMH-ARGS", description = "extra JMH arguments, e.g. -p shape=1000:100000")
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path h = (home != null ? home : Path.of(System.getProperty("aci-dualstack.home", "."))).toAbsolutePath();
        Path script = h.resolve("ipam-service/src/jmh/run-benchmarks.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " is missing: is --home the aci-dualstack checkout?");
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(jmhArgs);
        return new ProcessBuilder(command).directory(h.toFile()).inheritIO().start().waitFor();
    }
}
