package io.acicni.localrun.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aci-dualstack bench}: every benchmark of the project from one command. */
@Command(name = "bench",
        description = "Benchmarks: the pod pipeline through real Kafka, service footprint, the ipam allocator (JMH) "
                + "and the APIC converge pass. Figures and how to read them: docs/benchmarks.md.",
        mixinStandardHelpOptions = true,
        subcommands = {PipelineCommand.class, FootprintCommand.class, IpamBenchCommand.class, ApicBenchCommand.class,
                CommandLine.HelpCommand.class})
public class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
