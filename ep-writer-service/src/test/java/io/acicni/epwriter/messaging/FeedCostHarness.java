package io.acicni.epwriter.messaging;

import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;

/**
 * Not a test: CPU of the {@link AddressingFeed} thread per pod record produced, and the latency from
 * send to the record being applied, for consumer fetch settings given as {@code name=value,...} pairs
 * (each a phase; "default" = the client's defaults). One process serving 25 of 100 nodes, as in the
 * pipeline benchmark (it reads the ~10 of 12 pod-addressing partitions its nodes hash to), on the
 * embedded broker in this JVM. Run: {@code java -cp <test classpath> io.acicni.epwriter.messaging.FeedCostHarness
 * <rate/s> <seconds> default "fetch.min.bytes=16384,fetch.max.wait.ms=5" ...}, or as a test with
 * {@code -Dacicni.bench=true -Dtest=FeedCostHarness} (200/s, 20 s, default vs. two batching settings).
 */
@EnabledIfSystemProperty(named = "acicni.bench", matches = "true")
public class FeedCostHarness {
    static final int NODES = 100;
    static final int SERVED = 25;

    @Test
    void defaultsAgainstBatching() throws Exception {
        main(new String[] {"200", "20", "default", "fetch.min.bytes=16384,fetch.max.wait.ms=5", "fetch.min.bytes=16384,fetch.max.wait.ms=20"});
    }

    public static void main(String[] args) throws Exception {
        // as in the services (quarkus.log.category."org.apache.kafka".level=WARN): no debug formatting in the clients
        for (String category : new String[] {"org.apache.kafka", "kafka", "state.change.logger"}) {
            org.jboss.logmanager.Logger.getLogger(category).setLevel(java.util.logging.Level.WARNING);
        }
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createCatalogueTopics();
            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.add("node-" + i);
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName(), ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int phase = 2; phase < args.length; phase++) {
                    phase(kafka, producer, nodes, rate, seconds, args[phase], phase);
                }
            }
        }
    }

    static void phase(EmbeddedKafka kafka, KafkaProducer<String, byte[]> producer, List<String> nodes, int rate, int seconds, String settings,
                      int phase) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        if (!settings.equals("default")) {
            for (String pair : settings.split(",")) {
                String[] kv = pair.split("=");
                config.put(kv[0], kv[1]);
            }
        }
        AddressingState state = new AddressingState(nodes.subList(0, SERVED));
        Map<String, Long> sent = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        state.onChange((node, scope) -> scope.pods().forEach(uid -> {
            Long t0 = sent.remove(uid);
            if (t0 != null) {
                latencies.add(System.nanoTime() - t0);
            }
        }));
        KafkaOutbox outbox = new KafkaOutbox(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()), "/bench");
        AddressingFeed.FeedListener none = AddressingFeed.FeedListener.NONE;
        boolean[] caughtUp = new boolean[1];
        try (AddressingFeed feed = new AddressingFeed(config, nodes.subList(0, SERVED), new RecordHandler(state), outbox, none, () -> caughtUp[0] = true)) {
            feed.start();
            while (!caughtUp[0]) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            long feedThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ep-writer-feed")).findFirst()
                    .orElseThrow().getId();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getThreadCpuTime(feedThread);
            long start = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long now;
                while ((now = System.nanoTime()) < due) {
                    Thread.sleep(Math.max(0, (due - now) / 1_000_000), (int) ((due - now) % 1_000_000));
                }
                String node = nodes.get(i % NODES);
                String uid = "p" + phase + "-" + i;
                PodAddressing pod = new PodAddressing(uid, "default", "pod-" + i, node, List.of(v4("10.2." + (i / 250 % 250) + "." + (i % 250 + 1)),
                        v6("2001:fb8:42::" + Integer.toHexString(i + 1))), null, null, null, Map.of("app", "web"));
                if (nodes.indexOf(node) < SERVED) {
                    sent.put(uid, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(Topic.POD_ADDRESSING.topicName(), node + "/" + uid, EventSerde.get().serialize(pod)));
            }
            Thread.sleep(1500);
            long cpu = mx.getThreadCpuTime(feedThread) - cpu0;
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            System.out.printf("FEED-COST %-45s rate=%d/s records=%d feed-thread cpu/record=%.1f us (%.1f%% of a core) applied=%d latency p50=%.2f ms p99=%.2f ms%n",
                    settings, rate, total, cpu / 1e3 / total, 100.0 * cpu / (System.nanoTime() - start), sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6);
        }
    }
}
