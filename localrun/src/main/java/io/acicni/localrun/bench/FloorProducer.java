package io.acicni.localrun.bench;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The producing half of the {@link KafkaFloor}: sends {@code total} records at the pacer's rate, each
 * value starting with its send time ({@link System#nanoTime()}). In transactional mode every batch of
 * due records is one transaction, as ipam publishes.
 *
 * <p>A transaction that fails (the broker can answer a fatal {@code InvalidTxnStateException} on a
 * saturated machine) does not end the benchmark: its records are never committed, so a
 * {@code read_committed} consumer never sees them and they count as errors; the producer is closed
 * and a new one (same {@code transactional.id}, so the broker fences the old epoch) carries on. How
 * many transactions failed, and the last reason, go into the report.
 */
final class FloorProducer {
    private static final int VALUE_BYTES = 420; // a dual-stack pod-addressing record with headers is ~400-450 bytes

    /** What the producing loop did. */
    record Outcome(long sent, long failedTransactions, long lostRecords, String lastFailure) {
    }

    private final Supplier<Producer<String, byte[]>> factory;
    private final boolean transactional;
    private final String topic;

    FloorProducer(Supplier<Producer<String, byte[]>> factory, boolean transactional, String topic) {
        this.factory = factory;
        this.transactional = transactional;
        this.topic = topic;
    }

    /** A producer ready to send: {@code initTransactions} done in transactional mode. */
    Producer<String, byte[]> open() {
        Producer<String, byte[]> producer = factory.get();
        if (transactional) {
            try {
                producer.initTransactions();
            } catch (RuntimeException e) {
                producer.close();
                throw e;
            }
        }
        return producer;
    }

    /** Sends {@code total} records paced by {@code pacer}, starting with {@code producer}; closes whatever producer it ends with. */
    Outcome run(Producer<String, byte[]> producer, RatePacer pacer, long total) {
        long sent = 0;
        long failed = 0;
        long lost = 0;
        String lastFailure = null;
        try {
            while (sent < total) {
                pacer.awaitDue(sent);
                long due = Math.min(total, pacer.dueBy(System.nanoTime()));
                long first = sent;
                try {
                    if (transactional) {
                        producer.beginTransaction();
                    }
                    for (; sent < due; sent++) {
                        producer.send(new ProducerRecord<>(topic, "bench/node-" + (sent % 100) + "/pod-" + sent, value()));
                    }
                    if (transactional) {
                        producer.commitTransaction();
                    }
                } catch (KafkaException e) {
                    if (!transactional) {
                        throw e;
                    }
                    failed++;
                    sent = due; // the batch is given up: never committed, never seen by a read_committed consumer
                    lost += due - first;
                    lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    producer.close();
                    producer = null;
                    producer = open();
                }
            }
            producer.flush();
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
        return new Outcome(sent, failed, lost, lastFailure);
    }

    private static byte[] value() {
        byte[] value = new byte[VALUE_BYTES];
        ByteBuffer.wrap(value).putLong(System.nanoTime());
        return value;
    }
}
