package io.acicni.events.topic;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The headers of a record copied to {@code acicni.dlq}, the same from every service: the original
 * record's headers, then {@code dead-letter-reason}, {@code -cause} (the exception's class),
 * {@code -topic}, {@code -partition}, {@code -offset} and {@code -source} (the service instance that
 * rejected it; SmallRye's dead-letter queue uses the same names, docs/events.md).
 */
public final class DeadLetterHeaders {
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String SOURCE = "dead-letter-source";

    private DeadLetterHeaders() {
    }

    public static Headers of(ConsumerRecord<?, ?> original, Exception reason, String source) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : original.headers()) {
            headers.add(h);
        }
        add(headers, REASON, reason.getMessage() == null ? reason.toString() : reason.getMessage());
        add(headers, CAUSE, reason.getClass().getName());
        add(headers, TOPIC, original.topic());
        add(headers, PARTITION, Integer.toString(original.partition()));
        add(headers, OFFSET, Long.toString(original.offset()));
        add(headers, SOURCE, source);
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
