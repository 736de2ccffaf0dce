package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.AtomicFileWriter;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.messaging.AddressingFeed;
import io.acicni.epwriter.messaging.KafkaOutbox;
import io.acicni.epwriter.messaging.RecordHandler;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.testkit.kafka.EmbeddedKafka;
import io.acicni.testkit.kafka.EmbeddedKafkaExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A start against a broker that already holds state, on directories left stale by a previous run:
 * nothing is written before the topics are read to their end, then the directories converge exactly.
 * Plain Java parts on the real embedded broker, no Quarkus.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RestartConvergenceIT {

    @TempDir
    Path tmp;

    @Test
    void startOnStaleDirectoriesWritesOnlyAfterCatchingUpAndConvergesExactly(EmbeddedKafka kafka) throws Exception {
        String node = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String u1 = UUID.randomUUID().toString();
        String u2 = UUID.randomUUID().toString();
        String released = UUID.randomUUID().toString();
        String svcUid = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topic.POD_ADDRESSING, node + "/" + u1, new PodAddressing(u1, "r", "p1", node, List.of(v4("10.2.7.1"), v6("2001:fb8:42::7:1")), null, null, null, Map.of()));
            send(producer, Topic.POD_ADDRESSING, node + "/" + u2, new PodAddressing(u2, "r", "p2", node, List.of(v6("2001:fb8:42::7:2"), v4("10.2.7.2")), null, null, null, Map.of()));
            send(producer, Topic.POD_ADDRESSING, node + "/" + released, new PodAddressing(released, "r", "p3", node, List.of(v4("10.2.7.3")), null, null, null, Map.of()));
            send(producer, Topic.POD_ADDRESSING, node + "/" + released, null);
            send(producer, Topic.SERVICE_ADDRESSING, "default/web-" + svcUid, service(svcUid, "web-" + svcUid, "ClusterIP", ips("10.6.7.1"), List.of(),
                    List.of(endpoint("10.2.7.1", node, u1))));
        }

        Path ep = Files.createDirectories(tmp.resolve("ep"));
        Path svc = Files.createDirectories(tmp.resolve("svc"));
        String f1 = Sandbox.synthesizedFor(u1).fileName();
        String f2 = Sandbox.synthesizedFor(u2).fileName();
        Files.writeString(ep.resolve(f2), "{\"uuid\": \"half");                             // damaged
        Files.writeString(ep.resolve(Sandbox.synthesizedFor(released).fileName()), "{}");  // pod released while down
        Files.writeString(svc.resolve("deleted-svc.service"), "{}");                       // service deleted while down
        // f1 is missing

        AddressingState state = new AddressingState(List.of(node));
        ConcurrentLinkedQueue<String> writtenBeforeCatchUp = new ConcurrentLinkedQueue<>();
        AddressingFeed[] feed = new AddressingFeed[1];
        SyncListener guard = new SyncListener() {
            @Override
            public void changed(String n, FileChange change) {
                if (feed[0] == null || !feed[0].caughtUp()) {
                    writtenBeforeCatchUp.add(change.name());
                }
            }

            @Override
            public void failed(String n, FileKind kind, String name, Exception error) {
                writtenBeforeCatchUp.add("FAILED " + name);
            }
        };
        NodeFileSync sync = new NodeFileSync(new NodeDirs(node, ep, svc, tmp.resolve("meta")), state, SETTINGS, true,
                new DirectoryReconciler(new AtomicFileWriter()), guard, Clock.systemUTC());
        Map<String, Object> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (SyncScheduler scheduler = new SyncScheduler(Map.of(node, sync), Duration.ofMillis(20), Duration.ofMinutes(5));
             KafkaOutbox outbox = new KafkaOutbox(kafkaConfig, "/test/restart")) {
            state.onChange(scheduler::mark);
            feed[0] = new AddressingFeed(kafkaConfig, List.of(node), new RecordHandler(state), outbox, AddressingFeed.FeedListener.NONE, scheduler::start);
            try (AddressingFeed running = feed[0]) {
                running.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> sync.lastReport() != null);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    try (var l = Files.list(ep)) {
                        assertThat(l.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(f1, f2);
                    }
                    try (var l = Files.list(svc)) {
                        assertThat(l.map(p -> p.getFileName().toString())).containsExactly(svcUid + ".service");
                    }
                });
                assertThat(writtenBeforeCatchUp).isEmpty();
                assertThat(Files.readString(ep.resolve(f1))).contains("\"service-ip\": [\n    \"10.6.7.1\"\n  ]");
                assertThat(Files.readString(ep.resolve(f2))).contains("\"ip\": [\n    \"2001:fb8:42::7:2\",\n    \"10.2.7.2\"\n  ]");
                assertThat(running.lag(Topic.POD_ADDRESSING.topicName())).isZero();
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topic topic, String key, VersionedEvent value) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, EventSerde.get().serialize(value))).get();
    }
}
