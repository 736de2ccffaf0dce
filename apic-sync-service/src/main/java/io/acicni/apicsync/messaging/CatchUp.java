package io.acicni.apicsync.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether the incoming channels have read <em>and applied</em> their compacted topics up to the end
 * offsets seen when first asked. Until then the desired state is incomplete, and a pass would delete
 * objects whose records simply have not been read yet.
 *
 * <p>A consumer's position is not enough: the connector polls ahead and queues records before the
 * listener gets them (a position at the end offset can leave hundreds unapplied: a pass then would
 * delete their nodes' and services' objects and put them back a moment later), and drops the queued
 * records of partitions a rebalance takes away. So each assigned partition must have its position at
 * or past the target <em>and</em> the listener must have finished every record polled from it
 * ({@link HandedOutOffsets} against {@link AddressingListener#processedNext}). The reads go in that
 * order — positions, handed out, finished — so every record before a position was handed out before
 * it was read, and every record handed out is among those checked as finished.
 */
public final class CatchUp {
    private final KafkaClientService clients;
    private final List<String> channels;
    private final Function<TopicPartition, Long> processedNext;
    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private volatile boolean caughtUp;

    /** {@code processedNext}: per partition, the offset after the last record the listener finished, or null. */
    public CatchUp(KafkaClientService clients, List<String> channels, Function<TopicPartition, Long> processedNext) {
        this.clients = clients;
        this.channels = channels;
        this.processedNext = processedNext;
    }

    public boolean caughtUp() {
        if (caughtUp) {
            return true;
        }
        try {
            for (String channel : channels) {
                KafkaConsumer<Object, Object> consumer = clients.getConsumer(channel);
                if (consumer == null) {
                    return false;
                }
                Set<TopicPartition> assigned = consumer.getAssignments().await().atMost(Duration.ofSeconds(5));
                if (assigned.isEmpty()) {
                    return false;
                }
                synchronized (targets) {
                    if (!targets.keySet().containsAll(assigned)) {
                        Map<TopicPartition, Long> end = consumer.runOnPollingThread(
                                (Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>, Map<TopicPartition, Long>>)
                                        c -> c.endOffsets(assigned))
                                .await().atMost(Duration.ofSeconds(5));
                        end.forEach(targets::putIfAbsent);
                    }
                }
                Map<TopicPartition, Long> positions = consumer.getPositions().await().atMost(Duration.ofSeconds(5));
                Map<TopicPartition, Long> handedOut = new HashMap<>();
                for (TopicPartition tp : assigned) {
                    Long next = HandedOutOffsets.next(tp);
                    if (next != null) {
                        handedOut.put(tp, next);
                    }
                }
                Map<TopicPartition, Long> finished = new HashMap<>();
                for (TopicPartition tp : assigned) {
                    Long next = processedNext.apply(tp);
                    if (next != null) {
                        finished.put(tp, next);
                    }
                }
                Map<TopicPartition, Long> targetsNow;
                synchronized (targets) {
                    targetsNow = Map.copyOf(targets);
                }
                if (!channelCaughtUp(assigned, targetsNow, positions, handedOut, finished)) {
                    return false;
                }
            }
            caughtUp = true;
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * One channel: every assigned partition's position at or past its target, and the listener done
     * with every record handed out from it (a partition nothing was handed out from has nothing pending).
     */
    static boolean channelCaughtUp(Set<TopicPartition> assigned, Map<TopicPartition, Long> targets, Map<TopicPartition, Long> positions,
                                   Map<TopicPartition, Long> handedOut, Map<TopicPartition, Long> finished) {
        for (TopicPartition tp : assigned) {
            Long position = positions.get(tp);
            Long target = targets.get(tp);
            if (position == null || target == null || position < target) {
                return false;
            }
            Long out = handedOut.get(tp);
            if (out != null && finished.getOrDefault(tp, 0L) < out) {
                return false;
            }
        }
        return true;
    }
}
