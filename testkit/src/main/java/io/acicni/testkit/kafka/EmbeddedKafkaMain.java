package io.acicni.testkit.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded broker as a process, for the local run: {@code java -cp … io.acicni.testkit.kafka.EmbeddedKafkaMain [DATA_DIR [PORT]]}.
 * Prints {@code bootstrap.servers=HOST:PORT} once the catalogue's topics exist, then runs until
 * killed (SIGTERM / Ctrl-C shuts the broker down cleanly).
 */
public final class EmbeddedKafkaMain {
    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : null;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        EmbeddedKafka kafka = dataDir == null ? EmbeddedKafka.start() : EmbeddedKafka.start(dataDir, false, port);
        kafka.createCatalogueTopics();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
