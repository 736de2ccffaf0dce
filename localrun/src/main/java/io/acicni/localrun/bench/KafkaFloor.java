package io.acicni.localrun.bench;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The floor of the pipeline: what the broker alone allows on loopback. A producer sends records of a
 * pod-addressing record's size at the benchmark's rate, a consumer that does nothing with them reads
 * them, and the time from {@code send} to the consumer's {@code poll} returning the record is
 * recorded. Two modes: {@code plain} (acks=all, idempotent, linger 1 ms) and {@code transactional}
 * (as ipam publishes: every batch of due records is one transaction, consumer {@code read_committed}).
 */
public final class KafkaFloor {
    private static final int PARTITIONS = 6;

    public enum Mode { PLAIN, TRANSACTIONAL }

    /**
     * One floor run. {@code failedTransactions}: transactions the broker refused (their records count
     * as errors; the producer was re-created), {@code lastFailure} the last reason, or null.
     */
    public record Result(String mode, double offeredRate, double achievedRate, double seconds, LatencyStats.Summary latency,
                         long failedTransactions, String lastFailure) {
    }

    private KafkaFloor() {
    }

    public static Result run(String bootstrap, Mode mode, double rate, double seconds, Consumer<String> progress,
                             java.util.function.Function<List<NewTopic>, Void> createTopic) {
        String topic = "bench.floor." + mode.name().toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8);
        createTopic.apply(List.of(new NewTopic(topic, PARTITIONS, (short) 1)));
        LatencyStats stats = new LatencyStats();
        long total = RatePacer.operations(rate, seconds);
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();

        Map<String, Object> cc = new HashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, mode == Mode.TRANSACTIONAL ? "read_committed" : "read_uncommitted");
        cc.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        stats.recordNanos(now - ByteBuffer.wrap(r.value()).getLong());
                        received.incrementAndGet();
                    }
                }
            }
        }, "bench-floor-consumer");
        consumer.setDaemon(true);
        consumer.start();

        Map<String, Object> pc = new HashMap<>();
        pc.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pc.put(ProducerConfig.ACKS_CONFIG, "all");
        pc.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        pc.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        if (mode == Mode.TRANSACTIONAL) {
            pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
        }
        FloorProducer floorProducer = new FloorProducer(
                () -> new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer()), mode == Mode.TRANSACTIONAL, topic);
        long start;
        FloorProducer.Outcome outcome;
        org.apache.kafka.clients.producer.Producer<String, byte[]> producer = floorProducer.open();
        // warm-up: the consumer joins its group and the producer has metadata before timing starts
        sleep(2000);
        start = System.nanoTime();
        outcome = floorProducer.run(producer, new RatePacer(start, rate), total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.get() < total && System.nanoTime() < deadline) {
            sleep(20);
        }
        stop.set(true);
        stats.errors(total - received.get());
        try {
            consumer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Result result = new Result(mode.name().toLowerCase(), rate, LatencyStats.round(outcome.sent() / elapsed),
                LatencyStats.round(elapsed), stats.summary(), outcome.failedTransactions(), outcome.lastFailure());
        progress.accept(String.format("floor (%s): %d records at %.0f/s, p50 %.2f ms, p99 %.2f ms%s", result.mode(), total,
                result.achievedRate(), result.latency().p50Ms(), result.latency().p99Ms(),
                outcome.failedTransactions() == 0 ? "" : String.format("; %d transaction(s) failed, %d records lost (last: %s)",
                        outcome.failedTransactions(), outcome.lostRecords(), outcome.lastFailure())));
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
