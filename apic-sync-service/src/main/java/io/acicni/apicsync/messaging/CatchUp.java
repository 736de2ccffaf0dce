package io.acicni.apicsync.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Whether the incoming channels have read <em>and applied</em> their compacted topics up to the end
 * offsets seen when first asked. Until then the desired state is incomplete, and a pass would delete
 * objects whose records simply have not been read yet.
 *
 * <p>A consumer's position is not enough: the connector polls ahead and queues records before the
 * listener gets them, so a position at the end offset can leave hundreds of records unapplied (a
 * pass then would delete their nodes' and services' objects, and put them back a moment later). So
 * a channel is caught up when its position has reached the target <em>and</em> the listener has
 * finished as many records as the consumer has handed out (its {@code records-consumed-total}).
 * The reads go in that order — positions, then handed out, then finished — so everything before the
 * position is among what was handed out, and everything handed out among what was finished.
 */
public final class CatchUp {
    static final String CONSUMED_METRIC = "records-consumed-total";
    static final String CONSUMED_GROUP = "consumer-fetch-manager-metrics";

    private final KafkaClientService clients;
    private final List<String> channels;
    private final ToLongFunction<String> processed;
    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private volatile boolean caughtUp;

    /** {@code processed}: records the listener has finished, by channel. */
    public CatchUp(KafkaClientService clients, List<String> channels, ToLongFunction<String> processed) {
        this.clients = clients;
        this.channels = channels;
        this.processed = processed;
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
                Long handedOut = consumer.runOnPollingThread(
                        (Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>, Long>) c -> handedOut(c.metrics()))
                        .await().atMost(Duration.ofSeconds(5));
                Map<TopicPartition, Long> targetsNow;
                synchronized (targets) {
                    targetsNow = Map.copyOf(targets);
                }
                if (!channelCaughtUp(assigned, targetsNow, positions, handedOut, processed.applyAsLong(channel))) {
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
     * with every record the consumer handed out. {@code handedOut} null (the metric not found) is
     * never caught up.
     */
    static boolean channelCaughtUp(Set<TopicPartition> assigned, Map<TopicPartition, Long> targets,
                                   Map<TopicPartition, Long> positions, Long handedOut, long processed) {
        for (TopicPartition tp : assigned) {
            Long position = positions.get(tp);
            Long target = targets.get(tp);
            if (position == null || target == null || position < target) {
                return false;
            }
        }
        return handedOut != null && processed >= handedOut;
    }

    /** The consumer's total of records returned by its polls (the client-wide metric, not a topic's). */
    static Long handedOut(Map<MetricName, ? extends Metric> metrics) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            if (CONSUMED_METRIC.equals(name.name()) && CONSUMED_GROUP.equals(name.group()) && !name.tags().containsKey("topic")) {
                Object value = e.getValue().metricValue();
                return value instanceof Number n ? (long) n.doubleValue() : null;
            }
        }
        return null;
    }
}
