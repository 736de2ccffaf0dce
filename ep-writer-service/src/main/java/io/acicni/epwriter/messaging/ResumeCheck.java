package io.acicni.epwriter.messaging;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the feed can resume reading where it stopped, or its state can no longer be trusted. Plain
 * Java.
 *
 * <p>Resuming keeps what was read before; that is only right if nothing it missed is gone. A
 * compacted topic drops a tombstone {@code delete.retention.ms} after it was written (one day here):
 * a feed away longer may never see that a pod was deleted and keep its {@code .ep} file, an endpoint
 * for an address ipam may give to another pod. A position outside the partition's offsets means the
 * log was truncated or the topic recreated. In both cases the state must be rebuilt from the start
 * of the topics, which a restart does (the first pass then removes every file no record asks for).
 */
public final class ResumeCheck {
    private ResumeCheck() {
    }

    /**
     * Why the feed cannot resume at {@code positions}, or empty if it can.
     *
     * @param away        how long since the last successful poll
     * @param safeAbsence the longest absence that cannot have missed a tombstone (below the topics'
     *                    {@code delete.retention.ms}, with a margin for compaction running late or early)
     */
    public static Optional<String> problem(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> beginnings,
                                           Map<TopicPartition, Long> ends, Duration away, Duration safeAbsence) {
        if (away.compareTo(safeAbsence) > 0) {
            return Optional.of("disconnected from Kafka for " + away + ", longer than " + safeAbsence
                    + ": tombstones of pods deleted meanwhile may have been compacted away");
        }
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            Long begin = beginnings.get(e.getKey());
            Long end = ends.get(e.getKey());
            if (begin != null && e.getValue() < begin) {
                return Optional.of(e.getKey() + " now starts at offset " + begin + ", after the position " + e.getValue()
                        + " the feed had reached: records were removed unread");
            }
            if (end != null && e.getValue() > end) {
                return Optional.of(e.getKey() + " now ends at offset " + end + ", before the position " + e.getValue()
                        + " the feed had reached: the topic was recreated");
            }
        }
        return Optional.empty();
    }
}
