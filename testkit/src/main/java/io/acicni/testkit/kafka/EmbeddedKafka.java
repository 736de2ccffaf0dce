package io.acicni.testkit.kafka;

import io.acicni.events.topic.Topic;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real one-node Apache Kafka broker in KRaft mode (broker and controller in one process), started
 * in this JVM from the Maven Central artifacts: free loopback ports, a temporary data directory, the
 * catalogue's topics created with their settings. No Docker.
 *
 * <p>Internal topics use replication factor 1 (a one-node broker cannot do more; with the default of
 * 3, transactions and consumer groups hang) and consumer groups start without the initial rebalance
 * delay.
 *
 * <p>{@value #TXN_VERIFICATION_BACKOFF} is {@value #TXN_VERIFICATION_BACKOFF_MS} ms (Kafka's default
 * 20). Since transaction version 2 (the default of a Kafka 4 cluster) a transactional producer's
 * first record of a transaction that arrives while the previous transaction's commit markers are
 * still being written is retried by the broker after this backoff; a producer that commits back to
 * back, as ipam's allocation loop does under load, pays it on a large share of its transactions.
 * Measured with {@code bench pipeline}'s transactional floor on this project's 2-core box: p99
 * 29-32 ms at 20, 7.6-12 ms at 1 (docs/benchmarks.md).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String CONTROLLER = "CONTROLLER";
    /** The broker's server-side retry backoff for a transaction's partition verification. */
    public static final String TXN_VERIFICATION_BACKOFF = "add.partitions.to.txn.retry.backoff.ms";
    static final String TXN_VERIFICATION_BACKOFF_MS = "1";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private volatile boolean closed;

    private EmbeddedKafka(Path dataDir, boolean deleteOnClose, int brokerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Starts a broker in a fresh temporary directory (deleted on close) and creates the catalogue's topics. */
    public static EmbeddedKafka start() {
        try {
            EmbeddedKafka kafka = start(Files.createTempDirectory("acicni-kafka-"), true, 0);
            kafka.createCatalogueTopics();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on a data directory. An already formatted directory is reused with its cluster
     * id (its topics and records survive a restart).
     *
     * @param port the broker port, 0 for a free one
     */
    public static EmbeddedKafka start(Path dataDir, boolean deleteOnClose, int port) {
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("kraft");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Transactions back to back (ipam's loop under load) wait 1 ms instead of 20 for the previous
        // transaction's markers: docs/operations.md "Kafka broker settings", docs/benchmarks.md
        props.put(TXN_VERIFICATION_BACKOFF, TXN_VERIFICATION_BACKOFF_MS);
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("log.cleaner.backoff.ms", "1000");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        KafkaConfig config = new KafkaConfig(props, false);
        format(logDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, deleteOnClose, brokerPort, server);
        kafka.awaitReady(Duration.ofSeconds(60));
        return kafka;
    }

    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted before: keep its cluster id, formatting again with a new id fails
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName(CONTROLLER)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port} to give to clients as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Creates every topic of the catalogue with its partitions and configuration (existing ones are kept). */
    public void createCatalogueTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            topics.add(new NewTopic(topic.topicName(), topic.partitions(), (short) 1).configs(topic.configs()));
        }
        createTopics(topics);
    }

    /** Creates topics, ignoring those that exist. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("embedded Kafka did not become ready within " + timeout, last);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is not worth failing a test run for
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
