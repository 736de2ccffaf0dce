package io.acicni.localrun.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessThreadsTest {

    @Test
    void busiestThreadsComeFirstAsAShareOfOneCore() {
        HarnessThreads.Sample before = new HarnessThreads.Sample(Map.of(1L, 1_000_000_000L, 2L, 0L, 3L, 5_000_000_000L),
                Map.of(1L, "loop", 2L, "handler", 3L, "idle"));
        // over 10 s: "loop" used 9 s, "handler" 2 s, "idle" nothing, "new" (started in between) 1 s
        HarnessThreads.Sample after = new HarnessThreads.Sample(
                Map.of(1L, 10_000_000_000L, 2L, 2_000_000_000L, 3L, 5_000_000_000L, 4L, 1_000_000_000L),
                Map.of(1L, "loop", 2L, "handler", 3L, "idle", 4L, "new"));

        List<PipelineReport.ThreadCpu> busiest = HarnessThreads.busiest(before, after, 10, 2);

        assertThat(busiest).containsExactly(new PipelineReport.ThreadCpu("loop", 90), new PipelineReport.ThreadCpu("handler", 20));
        assertThat(HarnessThreads.busiest(before, after, 10, 10)).extracting(PipelineReport.ThreadCpu::name)
                .containsExactly("loop", "handler", "new");
    }

    @Test
    void aSpinningThreadOfThisJvmIsSeenByName() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "harness-threads-test-spinner");
        HarnessThreads.Sample before = HarnessThreads.sample();
        spinner.start();
        try {
            Thread.sleep(300);
            HarnessThreads.Sample after = HarnessThreads.sample();
            assertThat(HarnessThreads.busiest(before, after, 0.3, 50)).extracting(PipelineReport.ThreadCpu::name)
                    .contains("harness-threads-test-spinner");
        } finally {
            stop.set(true);
            spinner.join();
        }
    }
}
