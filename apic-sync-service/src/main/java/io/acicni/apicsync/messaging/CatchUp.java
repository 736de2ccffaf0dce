package io.acicni.apicsync.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the incoming channels have read their compacted topics up to the end offsets seen when
 * first asked. Until then the desired state is incomplete, and a pass would delete objects whose
 * records simply have not been read yet.
 */
public final class CatchUp {
    private final KafkaClientService clients;
    private final List<String> channels;
    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private volatile boolean caughtUp;

    public CatchUp(KafkaClientService clients, List<String> channels) {
        this.clients = clients;
        this.channels = channels;
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
                                (java.util.function.Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>, Map<TopicPartition, Long>>)
                                        c -> c.endOffsets(assigned))
                                .await().atMost(Duration.ofSeconds(5));
                        end.forEach(targets::putIfAbsent);
                    }
                }
                Map<TopicPartition, Long> positions = consumer.getPositions().await().atMost(Duration.ofSeconds(5));
                for (TopicPartition tp : assigned) {
                    Long position = positions.get(tp);
                    if (position == null || position < targets.get(tp)) {
                        return false;
                    }
                }
            }
            caughtUp = true;
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
