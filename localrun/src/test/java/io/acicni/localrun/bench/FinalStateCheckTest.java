package io.acicni.localrun.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class FinalStateCheckTest {
    @TempDir
    Path tmp;

    private Map<String, Path> dirs() throws Exception {
        Path n1 = Files.createDirectories(tmp.resolve("node-1/endpoints"));
        Path n2 = Files.createDirectories(tmp.resolve("node-2/endpoints"));
        return Map.of("node-1", n1, "node-2", n2);
    }

    private static void ep(Path dir, String uid) throws Exception {
        Files.writeString(dir.resolve(uid + "_c0ffee_veth12345678.ep"), "{}");
    }

    @Test
    void agreesOnceABackloggedFileArrivesAndSaysHowLongItTook() throws Exception {
        Map<String, Path> dirs = dirs();
        Map<String, String> live = new ConcurrentHashMap<>(Map.of("uid-a", "node-1", "uid-b", "node-2"));
        ep(dirs.get("node-1"), "uid-a");
        Files.writeString(dirs.get("node-2").resolve(".uid-b.tmp"), "{"); // a temporary file is not an endpoint
        FinalStateCheck check = new FinalStateCheck(dirs, () -> Map.copyOf(live));

        FinalStateCheck.FinalState before = check.compare(0);
        assertThat(before.agrees()).isFalse();
        assertThat(before.missingUids()).containsExactly("uid-b");
        assertThat(before.secondsToAgree()).isNull();

        Thread late = new Thread(() -> {
            try {
                Thread.sleep(300);
                ep(dirs.get("node-2"), "uid-b");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        FinalStateCheck.FinalState after = check.await(Duration.ofSeconds(10), Duration.ofMillis(50));
        late.join();
        assertThat(after.agrees()).isTrue();
        assertThat(after.livePods()).isEqualTo(2);
        assertThat(after.files()).isEqualTo(2);
        assertThat(after.secondsToAgree()).isGreaterThanOrEqualTo(0.25).isLessThan(10);
        assertThat(after.describe()).contains("every live pod has its file on its node");
    }

    @Test
    void namesWhatIsMissingLeftOverOrMisplacedWhenTheWaitEnds() throws Exception {
        Map<String, Path> dirs = dirs();
        ep(dirs.get("node-1"), "uid-gone");    // a deleted pod's file left behind
        ep(dirs.get("node-1"), "uid-moved");   // a live pod of node-2 whose file is on node-1
        FinalStateCheck check = new FinalStateCheck(dirs, () -> Map.of("uid-never", "node-1", "uid-moved", "node-2"));

        FinalStateCheck.FinalState state = check.await(Duration.ofMillis(200), Duration.ofMillis(50));

        assertThat(state.agrees()).isFalse();
        assertThat(state.missing()).isEqualTo(1);
        assertThat(state.stale()).isEqualTo(1);
        assertThat(state.misplaced()).isEqualTo(1);
        assertThat(state.secondsToAgree()).isNull();
        assertThat(state.waitedSeconds()).isGreaterThanOrEqualTo(0.2);
        assertThat(state.describe()).contains("NOT in agreement", "1 live pods without their file", "1 files of deleted pods",
                "1 files on the wrong node", "missing e.g. uid-never", "stale e.g. uid-gone");
    }

    @Test
    void aSecondFileOfALivePodIsNotAgreementWhereverItIs() throws Exception {
        Map<String, Path> dirs = dirs();
        ep(dirs.get("node-1"), "uid-a");
        ep(dirs.get("node-2"), "uid-a");
        Files.writeString(dirs.get("node-1").resolve("uid-b_other_vethabcdef01.ep"), "{}");
        ep(dirs.get("node-1"), "uid-b");
        FinalStateCheck.FinalState state = new FinalStateCheck(dirs, () -> Map.of("uid-a", "node-1", "uid-b", "node-1")).compare(1);
        assertThat(state.agrees()).isFalse();
        assertThat(state.duplicates()).isEqualTo(2);
        assertThat(state.misplaced()).isZero();
        assertThat(state.files()).isEqualTo(4);
    }

    @Test
    void aNodeWhoseDirectoryDoesNotExistHoldsNoFiles() throws Exception {
        Map<String, Path> dirs = Map.of("node-1", tmp.resolve("never-made/endpoints"));
        FinalStateCheck.FinalState state = new FinalStateCheck(dirs, () -> Map.of("uid-a", "node-1")).compare(0);
        assertThat(state.missingUids()).containsExactly("uid-a");
        assertThat(state.lastError()).isNull();
    }

    @Test
    void aFailingCheckIsRetriedAndNamedIfItWasTheLast() throws Exception {
        Map<String, Path> dirs = dirs();
        ep(dirs.get("node-1"), "uid-a");
        int[] calls = {0};
        FinalStateCheck flaky = new FinalStateCheck(dirs, () -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("API double busy");
            }
            return Map.of("uid-a", "node-1");
        });
        assertThat(flaky.await(Duration.ofSeconds(5), Duration.ofMillis(20)).agrees()).isTrue();

        FinalStateCheck down = new FinalStateCheck(dirs, () -> {
            throw new IllegalStateException("connection refused");
        });
        FinalStateCheck.FinalState state = down.await(Duration.ofMillis(100), Duration.ofMillis(20));
        assertThat(state.agrees()).isFalse();
        assertThat(state.describe()).contains("the last check failed: IllegalStateException: connection refused");
    }
}
