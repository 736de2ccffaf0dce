package io.acicni.localrun.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * After the load stops: does every node's endpoint directory come to hold exactly one {@code .ep}
 * file per live pod of that node, and none for a pod that is gone? Polls the API's live pods against
 * the directories until they agree or {@code maxWait} passes. This is what tells an operation that
 * timed out in a backlog (its file comes later) from one the pipeline lost (it never does).
 */
public final class FinalStateCheck {
    /** How many uids of each kind the report lists. */
    static final int LISTED = 10;

    /**
     * What the directories held at the end. {@code secondsToAgree}: how long after the last step (and its drain)
     * the directories matched the API, {@code null} if they did not within the wait; {@code missing}:
     * live pods without a file on their node, {@code stale}: files of pods that are gone,
     * {@code misplaced}: files of live pods on another node's directory.
     */
    public record FinalState(int livePods, int files, int missing, int stale, int misplaced, Double secondsToAgree,
                             double waitedSeconds, List<String> missingUids, List<String> staleUids) {
        public boolean agrees() {
            return missing == 0 && stale == 0 && misplaced == 0;
        }

        public String describe() {
            String counts = livePods + " live pods, " + files + " .ep files";
            if (agrees()) {
                return counts + ": every live pod has its file on its node and no file is left over, "
                        + String.format("%.1f s after the last step's drain", secondsToAgree);
            }
            return counts + String.format(": NOT in agreement after %.0f s: %d live pods without their file, %d files of "
                    + "deleted pods, %d files on the wrong node", waitedSeconds, missing, stale, misplaced)
                    + (missingUids.isEmpty() ? "" : "; missing e.g. " + String.join(", ", missingUids))
                    + (staleUids.isEmpty() ? "" : "; stale e.g. " + String.join(", ", staleUids));
        }
    }

    private final Map<String, Path> dirOfNode;
    private final Supplier<Map<String, String>> liveNodeOfUid;

    /**
     * @param dirOfNode     node name → its endpoint directory
     * @param liveNodeOfUid reads the API: uid → node of every live pod the benchmark made
     */
    public FinalStateCheck(Map<String, Path> dirOfNode, Supplier<Map<String, String>> liveNodeOfUid) {
        this.dirOfNode = Map.copyOf(dirOfNode);
        this.liveNodeOfUid = liveNodeOfUid;
    }

    /** Polls every {@code interval} until the directories agree with the API or {@code maxWait} passed. */
    public FinalState await(Duration maxWait, Duration interval) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            FinalState now = compare((System.nanoTime() - start) / 1e9);
            if (now.agrees() || System.nanoTime() - start >= maxWait.toNanos()) {
                return now;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** One comparison of the API's live pods with the directories. */
    FinalState compare(double elapsedSeconds) {
        Map<String, String> live = liveNodeOfUid.get();
        Map<String, String> nodeOfFileUid = new HashMap<>();
        int files = 0;
        for (Map.Entry<String, Path> e : dirOfNode.entrySet()) {
            for (String uid : uidsIn(e.getValue())) {
                files++;
                nodeOfFileUid.put(uid, e.getKey());
            }
        }
        List<String> missing = new ArrayList<>();
        int misplaced = 0;
        for (Map.Entry<String, String> pod : live.entrySet()) {
            String node = nodeOfFileUid.get(pod.getKey());
            if (node == null) {
                missing.add(pod.getKey());
            } else if (!node.equals(pod.getValue())) {
                misplaced++;
            }
        }
        List<String> stale = nodeOfFileUid.keySet().stream().filter(uid -> !live.containsKey(uid)).sorted().toList();
        missing.sort(null);
        boolean agrees = missing.isEmpty() && stale.isEmpty() && misplaced == 0;
        return new FinalState(live.size(), files, missing.size(), stale.size(), misplaced,
                agrees ? LatencyStats.round(elapsedSeconds) : null, LatencyStats.round(elapsedSeconds),
                missing.stream().limit(LISTED).toList(), stale.stream().limit(LISTED).toList());
    }

    private static List<String> uidsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> EpFileTracker.uidOf(f.getFileName().toString())).filter(uid -> uid != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
