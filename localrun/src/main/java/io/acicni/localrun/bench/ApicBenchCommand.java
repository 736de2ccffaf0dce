package io.acicni.localrun.bench;

import io.acicni.testkit.bench.ApicConvergeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "apic", mixinStandardHelpOptions = true,
        description = "The APIC converge benchmark against the emulator (testkit ApicConvergeBenchmark): create N subnets, "
                + "an in-sync pass, replace half, an in-sync pass; requests and milliseconds per pass.")
public class ApicBenchCommand implements Callable<Integer> {
    @Option(names = "--subnets", defaultValue = "1000", description = "subnets under the bridge domain (default: ${DEFAULT-VALUE})")
    int subnets;

    @Option(names = "--runs", defaultValue = "3", description = "repetitions (the first warms the JVM up) (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        for (int i = 1; i <= runs; i++) {
            System.out.println("run " + i + " of " + runs + ":");
            ApicConvergeBenchmark.main(new String[]{Integer.toString(subnets)});
        }
        return 0;
    }
}
