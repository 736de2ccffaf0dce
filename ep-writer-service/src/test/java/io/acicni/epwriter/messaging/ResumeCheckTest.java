package io.acicni.epwriter.messaging;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResumeCheckTest {
    static final TopicPartition P = new TopicPartition("acicni.pod-addressing", 4);
    static final Duration SAFE = AddressingFeed.SAFE_ABSENCE;

    @Test
    void aShortAbsenceWithThePositionInsideThePartitionResumes() {
        assertThat(ResumeCheck.problem(Map.of(P, 120L), Map.of(P, 0L), Map.of(P, 300L), Duration.ofMinutes(10), SAFE)).isEmpty();
        assertThat(ResumeCheck.problem(Map.of(P, 300L), Map.of(P, 0L), Map.of(P, 300L), Duration.ofMinutes(10), SAFE)).isEmpty();
    }

    @Test
    void anAbsenceLongerThanHalfTheTombstoneRetentionCannotResume() {
        assertThat(SAFE).isEqualTo(Duration.ofHours(12));
        assertThat(ResumeCheck.problem(Map.of(P, 120L), Map.of(P, 0L), Map.of(P, 300L), Duration.ofHours(13), SAFE))
                .hasValueSatisfying(why -> assertThat(why).contains("PT13H").contains("tombstones"));
    }

    @Test
    void aPositionBeforeThePartitionsStartOrAfterItsEndCannotResume() {
        assertThat(ResumeCheck.problem(Map.of(P, 120L), Map.of(P, 150L), Map.of(P, 300L), Duration.ofSeconds(1), SAFE))
                .hasValueSatisfying(why -> assertThat(why).contains("acicni.pod-addressing-4 now starts at offset 150")
                        .contains("removed unread"));
        assertThat(ResumeCheck.problem(Map.of(P, 120L), Map.of(P, 0L), Map.of(P, 40L), Duration.ofSeconds(1), SAFE))
                .hasValueSatisfying(why -> assertThat(why).contains("recreated"));
    }
}
