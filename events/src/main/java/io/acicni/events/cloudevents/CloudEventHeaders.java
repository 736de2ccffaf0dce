package io.acicni.events.cloudevents;

import io.acicni.events.topic.Topic;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * CloudEvents 1.0 Kafka binary-mode headers ({@code ce_specversion}, {@code ce_id}, {@code ce_type},
 * {@code ce_source}, {@code ce_subject}, {@code ce_time}, {@code content-type}) for every record the
 * suite writes, tombstones included. The record value stays plain JSON.
 */
public final class CloudEventHeaders {
    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * Headers for a record.
     *
     * @param source  who writes, as a URI reference, e.g. {@code /acicni/ipam-service/ipam-0}
     * @param subject the entity, normally the record key
     */
    public static Headers create(Topic topic, int schemaVersion, String source, String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, SPECVERSION, "1.0");
        put(headers, ID, UUID.randomUUID().toString());
        put(headers, TYPE, topic.cloudEventType(schemaVersion));
        put(headers, SOURCE, source);
        put(headers, SUBJECT, subject);
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        put(headers, CONTENT_TYPE, JSON);
        return headers;
    }

    /** The CloudEvents attributes of a record, or an explanation of what is missing. */
    public static CloudEventAttributes read(Headers headers) {
        String specversion = required(headers, SPECVERSION);
        if (!"1.0".equals(specversion)) {
            throw new IllegalArgumentException("header " + SPECVERSION + " must be 1.0, got " + specversion);
        }
        Instant time;
        String timeText = required(headers, TIME);
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("header " + TIME + " is not an RFC 3339 time: " + timeText);
        }
        return new CloudEventAttributes(required(headers, ID), required(headers, TYPE), required(headers, SOURCE),
                value(headers, SUBJECT).orElse(null), time);
    }

    public static Optional<String> value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        return value(headers, name).orElseThrow(() -> new IllegalArgumentException("header " + name + " is missing"));
    }

    private static void put(Headers headers, String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("CloudEvents attribute " + name + " must not be null");
        }
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
