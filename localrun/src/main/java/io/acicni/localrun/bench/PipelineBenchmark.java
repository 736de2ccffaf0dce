package io.acicni.localrun.bench;

import io.acicni.localrun.process.ServiceProcess;
import io.acicni.localrun.suite.LocalSuite;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Pod churn through the real pipeline: pods are created in the Kubernetes API double <b>with
 * {@code spec.nodeName} set</b> (the scheduler is bypassed, so "the pod gets its node" is the create
 * call), spread round-robin over the nodes, and deleted oldest first. The kubelet double calls the
 * node's ep-writer CNI ADD, ipam allocates and publishes on Kafka, ep-writer writes the file. A create
 * is timed from just before the API call until {@code <uid>_*.ep} appears in that node's endpoint
 * directory, a delete until it disappears ({@link EpFileTracker}).
 */
public final class PipelineBenchmark {
    static final String NAMESPACE = "bench";
    /** How many of the harness JVM's threads a phase reports (the busiest). */
    static final int BUSIEST_THREADS = 8;

    /** What to run. {@code rate} counts creates and deletes together. */
    public record Params(int nodes, int pods, double rate, double seconds, boolean findMax, double p99LimitMs,
                         double maxRate, double floorSeconds, int clients, Duration drainTimeout,
                         Duration finalWait) {
    }

    private record LivePod(String name, String uid, String node) {
    }

    private final LocalSuite suite;
    private final Params params;
    private final Consumer<String> progress;
    private final List<String> nodes;
    private final ConcurrentLinkedDeque<LivePod> live = new ConcurrentLinkedDeque<>();
    /** The first operations that timed out, each with what its node's directory held (kept for the report's notes). */
    private final List<String> timeoutDetails = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    /** API calls (creates and deletes) that returned successfully. */
    private final AtomicLong callsDone = new AtomicLong();
    private KubernetesClient client;
    private EpFileTracker tracker;

    public PipelineBenchmark(LocalSuite suite, Params params, Consumer<String> progress) {
        this.suite = suite;
        this.params = params;
        this.progress = progress;
        this.nodes = suite.nodes();
    }

    /** Runs floor, fill and the churn step(s). */
    public Result run() {
        List<KafkaFloor.Result> floor = new ArrayList<>();
        if (params.floorSeconds() > 0) {
            for (KafkaFloor.Mode mode : KafkaFloor.Mode.values()) {
                floor.add(KafkaFloor.run(suite.kafka().bootstrapServers(), mode, params.rate(), params.floorSeconds(), progress,
                        topics -> {
                            suite.kafka().createTopics(topics);
                            return null;
                        }));
            }
        }
        Map<String, Path> dirs = new LinkedHashMap<>();
        nodes.forEach(n -> dirs.put(n, suite.layout().endpointDir(n)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(suite.kube().url())
                .withMaxConcurrentRequests(params.clients() * 2).withMaxConcurrentRequestsPerHost(params.clients() * 2)
                .withRequestTimeout(30_000).build()).build();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(params.clients(), params.clients(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bench-client");
                    t.setDaemon(true);
                    return t;
                });
        try (EpFileTracker t = new EpFileTracker(dirs)) {
            tracker = t;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            PipelineReport.Phase fill = phase("fill", params.rate(), params.pods(), true, pool);
            progress.accept(line(fill));
            List<PipelineReport.Phase> steps = new ArrayList<>();
            Double sustainable = null;
            double rate = params.rate();
            while (true) {
                long ops = RatePacer.operations(rate, params.seconds());
                PipelineReport.Phase step = phase("churn " + fmt(rate) + "/s", rate, ops, false, pool);
                steps.add(step);
                progress.accept(line(step));
                boolean ok = step.errors() == 0 && step.all().p99Ms() <= params.p99LimitMs()
                        && step.achievedRate() >= 0.95 * rate;
                if (!params.findMax()) {
                    break;
                }
                if (!ok) {
                    break;
                }
                sustainable = rate;
                double next = nextRate(rate);
                if (next > params.maxRate()) {
                    break;
                }
                rate = next;
            }
            FinalStateCheck.FinalState finalState = new FinalStateCheck(dirs, this::liveNodeOfUid)
                    .await(params.finalWait(), Duration.ofMillis(500));
            progress.accept("final state: " + finalState.describe());
            return new Result(floor, fill, steps, sustainable, List.copyOf(timeoutDetails), finalState);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the final state", e);
        } finally {
            pool.shutdownNow();
            client.close();
        }
    }

    /** The rate after {@code rate} in a find-max search: +50 % below 2,000/s, then +1,000/s. */
    static double nextRate(double rate) {
        return rate < 2000 ? Math.round(rate * 1.5) : rate + 1000;
    }

    /**
     * Outcome of the run, before the process figures are added; {@code timeouts}: the first timed-out
     * operations, described; {@code finalState}: the directories against the API after the last step and its drain.
     */
    public record Result(List<KafkaFloor.Result> floor, PipelineReport.Phase fill, List<PipelineReport.Phase> steps,
                         Double sustainableRate, List<String> timeouts, FinalStateCheck.FinalState finalState) {
    }

    /** The API's live pods of the benchmark: uid → node. */
    private Map<String, String> liveNodeOfUid() {
        Map<String, String> out = new java.util.HashMap<>();
        for (Pod p : client.pods().inNamespace(NAMESPACE).list().getItems()) {
            if (p.getMetadata().getDeletionTimestamp() == null && p.getSpec() != null && p.getSpec().getNodeName() != null) {
                out.put(p.getMetadata().getUid(), p.getSpec().getNodeName());
            }
        }
        return out;
    }

    private PipelineReport.Phase phase(String name, double rate, long operations, boolean createsOnly, ThreadPoolExecutor pool) {
        PhaseCalls calls = new PhaseCalls(pool);
        LatencyStats creates = new LatencyStats();
        LatencyStats deletes = new LatencyStats();
        LatencyStats lag = new LatencyStats();
        AtomicLong apiErrors = new AtomicLong();
        long misplacedBefore = tracker.misplaced();
        long overflowsBefore = tracker.overflows();
        Map<String, ProcStats.Sample> before = sampleAll();
        HarnessThreads.Sample threadsBefore = HarnessThreads.sample();
        MachineStats.Cpu machineBefore = MachineStats.cpu();
        long callsBefore = callsDone.get();
        long start = System.nanoTime() + 10_000_000;
        RatePacer pacer = new RatePacer(start, rate);
        long issued = 0;
        long lastIssued = start;
        for (long i = 0; i < operations; i++) {
            pacer.awaitDue(i);
            long due = pacer.dueNanos(i);
            boolean create = createsOnly || i % 2 == 0;
            if (create) {
                calls.submit(() -> create(creates, lag, due, apiErrors));
            } else {
                LivePod victim = live.pollFirst();
                if (victim == null) {
                    calls.submit(() -> create(creates, lag, due, apiErrors));
                } else {
                    calls.submit(() -> delete(victim, deletes, lag, due, apiErrors));
                }
            }
            issued++;
            lastIssued = System.nanoTime();
        }
        double seconds = Math.max(1e-9, (lastIssued - start) / 1e9);
        // what the API server actually took during the issuing window (the driver queues what it cannot send)
        long callsInWindow = callsDone.get() - callsBefore;
        // drain: every operation is either seen on disk, failed, or times out
        long deadline = System.nanoTime() + params.drainTimeout().toNanos();
        while (System.nanoTime() < deadline && (tracker.pending() > 0 || calls.outstanding() > 0)) {
            sleep(5);
        }
        // calls still queued in the driver were never sent: errors of this phase, not load on the next
        int notSent = calls.dropUnsent();
        (createsOnly ? creates : deletes).errors(notSent);
        List<EpFileTracker.Expired> expired = tracker.expireAll();
        int timeouts = expired.size() + notSent;
        // the first ones described (a listing of the node's directory each): thousands would cost seconds here
        for (EpFileTracker.Expired e : expired) {
            if (timeoutDetails.size() >= 20) {
                break;
            }
            String line = name + ": timed out: " + tracker.describe(e);
            timeoutDetails.add(line);
            progress.accept(line);
        }
        MachineStats.Cpu machineAfter = MachineStats.cpu();
        Map<String, ProcStats.Sample> after = sampleAll();
        HarnessThreads.Sample threadsAfter = HarnessThreads.sample();
        double wall = (System.nanoTime() - start) / 1e9;
        List<PipelineReport.ProcessCpu> cpu = new ArrayList<>();
        before.forEach((proc, b) -> {
            ProcStats.Sample a = after.get(proc);
            if (a != null) {
                double s = (a.cpuTicks() - b.cpuTicks()) / (double) ProcStats.CLOCK_TICKS_PER_SECOND;
                cpu.add(new PipelineReport.ProcessCpu(proc, a.pid(), LatencyStats.round(s), LatencyStats.round(100 * s / wall),
                        LatencyStats.round(a.rssKb() / 1024.0)));
            }
        });
        LatencyStats all = new LatencyStats();
        all.addAll(creates);
        all.addAll(deletes);
        double achieved = callsInWindow / seconds;
        return new PipelineReport.Phase(name, rate, LatencyStats.round(achieved), LatencyStats.round(seconds), issued,
                creates.summary(), deletes.summary(), all.summary(), lag.summary(), apiErrors.get(), timeouts, notSent,
                tracker.misplaced() - misplacedBefore, tracker.overflows() - overflowsBefore,
                LatencyStats.round(100 * machineAfter.busyShareSince(machineBefore)), cpu,
                HarnessThreads.busiest(threadsBefore, threadsAfter, wall, BUSIEST_THREADS));
    }

    private void create(LatencyStats stats, LatencyStats lag, long due, AtomicLong apiErrors) {
        long n = sequence.incrementAndGet();
        String name = "bench-" + n;
        String node = nodes.get((int) ((n - 1) % nodes.size()));
        long start = System.nanoTime();
        lag.recordNanos(start - due);
        try {
            // the mock API server assigns the uid; the tracker matches files that appeared before it returned
            Pod created = client.pods().inNamespace(NAMESPACE).resource(pod(name, node)).create();
            String uid = created.getMetadata().getUid();
            tracker.expect(uid, node, true, stats, start);
            live.addLast(new LivePod(name, uid, node));
            callsDone.incrementAndGet();
        } catch (RuntimeException e) {
            apiErrors.incrementAndGet();
            stats.error();
            report("create " + name + " failed: " + e.getMessage());
        }
    }

    private final AtomicLong reported = new AtomicLong();

    private void report(String problem) {
        long n = reported.incrementAndGet();
        if (n <= 10) {
            progress.accept(problem);
        } else if (n == 11) {
            progress.accept("(further API errors are only counted)");
        }
    }

    private void delete(LivePod pod, LatencyStats stats, LatencyStats lag, long due, AtomicLong apiErrors) {
        EpFileTracker.Op op = tracker.expect(pod.uid(), pod.node(), false, stats);
        lag.recordNanos(op.startNanos - due);
        try {
            client.pods().inNamespace(NAMESPACE).withName(pod.name()).delete();
            callsDone.incrementAndGet();
        } catch (RuntimeException e) {
            apiErrors.incrementAndGet();
            tracker.failed(op);
            report("delete " + pod.name() + " failed: " + e.getMessage());
        }
    }

    static Pod pod(String name, String node) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "bench").endMetadata()
                .withNewSpec().withNodeName(node)
                    .addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.10").endContainer()
                .endSpec()
                .build();
    }

    /** CPU and memory of every service process and of this JVM (broker, API double, kubelet, driver). */
    Map<String, ProcStats.Sample> sampleAll() {
        Map<String, ProcStats.Sample> out = new LinkedHashMap<>();
        for (ServiceProcess p : suite.processes()) {
            ProcStats.read(p.pid()).ifPresent(s -> out.put(p.name(), s));
        }
        ProcStats.read(ProcessHandle.current().pid()).ifPresent(s -> out.put(SELF, s));
        return out;
    }

    public static final String SELF = "localrun (broker+API double+kubelet+driver)";

    static String line(PipelineReport.Phase p) {
        return String.format("%s: %d ops at %.0f/s (offered %.0f/s), p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, errors %d",
                p.name(), p.operations(), p.achievedRate(), p.offeredRate(), p.all().p50Ms(), p.all().p99Ms(), p.all().p999Ms(),
                p.all().maxMs(), p.errors());
    }

    static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format("%.1f", rate);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
