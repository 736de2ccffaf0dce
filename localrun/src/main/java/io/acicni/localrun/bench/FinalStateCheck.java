package io.acicni.localrun.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
     * {@code misplaced}: live pods whose only files are in another node's directory,
     * {@code duplicates}: files of a pod past its first; {@code lastError}: why the last check failed.
     * It speaks for the pods live at the end: a pod created and deleted during the run is not in it.
     */
    public record FinalState(int livePods, int files, int missing, int stale, int misplaced, int duplicates,
                             Double secondsToAgree, double waitedSeconds, List<String> missingUids, List<String> staleUids,
                             String lastError) {
        public boolean agrees() {
            return missing == 0 && stale == 0 && misplaced == 0 && duplicates == 0 && lastError == null;
        }

        public String describe() {
            String counts = livePods + " live pods, " + files + " .ep files";
            if (agrees()) {
                return counts + ": every live pod has its file on its node and no file is left over, "
                        + String.format("%.1f s after the last step's drain", secondsToAgree);
            }
            return counts + String.format(": NOT in agreement after %.0f s: %d live pods without their file, %d files of "
                    + "deleted pods, %d files on the wrong node, %d extra files of a pod", waitedSeconds, missing, stale, misplaced,
                    duplicates)
                    + (lastError == null ? "" : "; the last check failed: " + lastError)
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

    /**
     * Polls every {@code interval} until the directories agree with the API or {@code maxWait} passed.
     * A check that fails (the API double still saturated, a directory gone) counts as "not yet" and is
     * named in the result if it was the last.
     */
    public FinalState await(Duration maxWait, Duration interval) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            FinalState now;
            try {
                now = compare(elapsed);
            } catch (RuntimeException e) {
                now = new FinalState(0, 0, 0, 0, 0, 0, null, LatencyStats.round(elapsed), List.of(), List.of(),
                        e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (now.agrees() || System.nanoTime() - start >= maxWait.toNanos()) {
                return now;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** One comparison of the API's live pods with the directories. */
    FinalState compare(double elapsedSeconds) {
        Map<String, String> live = liveNodeOfUid.get();
        Map<String, List<String>> nodesOfFileUid = new HashMap<>();
        int files = 0;
        for (Map.Entry<String, Path> e : dirOfNode.entrySet()) {
            for (String uid : EpFileTracker.uidsIn(e.getValue())) {
                files++;
                nodesOfFileUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<String> missing = new ArrayList<>();
        int misplaced = 0;
        for (Map.Entry<String, String> pod : live.entrySet()) {
            List<String> nodes = nodesOfFileUid.get(pod.getKey());
            if (nodes == null) {
                missing.add(pod.getKey());
            } else if (!nodes.contains(pod.getValue())) {
                misplaced++;
            }
        }
        // a pod with more than one file (on its node or elsewhere): every file past the first
        int duplicates = nodesOfFileUid.values().stream().mapToInt(n -> n.size() - 1).sum();
        List<String> stale = nodesOfFileUid.keySet().stream().filter(uid -> !live.containsKey(uid)).sorted().toList();
        missing.sort(null);
        boolean agrees = missing.isEmpty() && stale.isEmpty() && misplaced == 0 && duplicates == 0;
        return new FinalState(live.size(), files, missing.size(), stale.size(), misplaced, duplicates,
                agrees ? LatencyStats.round(elapsedSeconds) : null, LatencyStats.round(elapsedSeconds),
                missing.stream().limit(LISTED).toList(), stale.stream().limit(LISTED).toList(), null);
    }

}
