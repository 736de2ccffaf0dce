package io.acicni.apicsync.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, per partition, the offset after the last record a consumer's poll handed out (Kafka calls
 * {@link #onConsume} inside {@code poll}, before it returns). {@link CatchUp} compares it with what
 * the listener has applied: the connector queues polled records before the listener gets them, and
 * drops the queued records of partitions a rebalance takes away (they are read again later).
 *
 * <p>Set on the incoming channels with {@code interceptor.classes}; Kafka creates the instances, so
 * the offsets live in one map per JVM, keyed by topic and partition. They only grow: a stale value (a
 * previous application in the same test JVM) can only delay catching up, never hasten it.
 */
@RegisterForReflection
public final class HandedOutOffsets implements ConsumerInterceptor<Object, Object> {
    private static final Map<TopicPartition, Long> NEXT = new ConcurrentHashMap<>();

    /** The offset after the last record handed out on {@code tp}, or null if none was. */
    public static Long next(TopicPartition tp) {
        return NEXT.get(tp);
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<Object, Object>> list = records.records(tp);
            if (!list.isEmpty()) {
                NEXT.merge(tp, list.get(list.size() - 1).offset() + 1, Math::max);
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
