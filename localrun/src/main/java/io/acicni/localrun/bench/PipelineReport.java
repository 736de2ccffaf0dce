package io.acicni.localrun.bench;

import java.util.List;

/** What {@code bench pipeline} measured; written as JSON with {@code --json} and printed as a table. */
public record PipelineReport(Machine machine, Parameters parameters, List<KafkaFloor.Result> floor, Phase fill,
                             List<Phase> steps, Double sustainableRate, FinalStateCheck.FinalState finalState,
                             List<ProcessFootprint> processes, List<String> notes) {

    /**
     * Where and when it ran. {@code harnessJvmOptions}: the options of the JVM that ran the benchmark
     * itself (broker, API double, kubelet, driver), which shares the machine with the services.
     */
    public record Machine(int cores, long memoryMb, String jdk, String os, String date, double loadAverageStart,
                          double loadAverageEnd, List<String> harnessJvmOptions) {
    }

    public record Parameters(int nodes, int pods, double rate, double seconds, boolean findMax, double p99LimitMs,
                             int epWriterProcesses, int nodesPerEpWriter, int clients, List<String> jvmOptions,
                             String timing) {
    }

    /**
     * One period of offered load: the fill (creates only) or a churn step (creates and deletes
     * alternating). {@code achievedRate}: API calls the API server completed during the issuing window
     * per second. {@code timeouts}: operations whose file did not appear (disappear) within the drain
     * timeout, plus calls the driver still held queued at its end; {@code notSent}: those queued calls
     * alone (they never reached the API).
     */
    public record Phase(String name, double offeredRate, double achievedRate, double seconds, long operations,
                        LatencyStats.Summary create, LatencyStats.Summary delete, LatencyStats.Summary all,
                        LatencyStats.Summary driverLag, long apiErrors, long timeouts, long notSent, long misplaced, long watchOverflows,
                        double machineCpuBusyPercent, List<ProcessCpu> cpu, List<ThreadCpu> busiestHarnessThreads) {
        public long errors() {
            return all.errors(); // API failures, timeouts and misplaced files
        }
    }

    /** CPU a process used during a phase, in seconds and as a share of one core. */
    public record ProcessCpu(String name, long pid, double cpuSeconds, double percentOfOneCore, double rssMb) {
    }

    /** CPU a thread of the harness JVM used during a phase, as a share of one core (one thread can use one at most). */
    public record ThreadCpu(String name, double percentOfOneCore) {
    }

    /** Start-up and memory of one process. */
    public record ProcessFootprint(String name, long pid, Double readyMs, double rssAfterStartMb, double rssAfterBenchMb,
                                   double peakRssMb, double cpuSecondsTotal) {
    }
}
