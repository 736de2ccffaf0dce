package io.acicni.ipam.messaging;

import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerializer;
import io.acicni.events.topic.NodePartitioner;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.config.EventSourceConfig;
import io.acicni.ipam.config.IpamConfig;
import io.acicni.ipam.engine.Changes;
import io.acicni.ipam.engine.FencedException;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes a batch of state records and audit events in one Kafka transaction, with a producer of
 * fixed {@code transactional.id} ({@code acicni.ipam.transactional-id}, default {@code acicni-ipam}).
 *
 * <p>The producer belongs to a <em>leadership term</em>: {@link #open()} creates it and calls
 * {@code initTransactions()} when the instance becomes leader, before restore reads the compacted
 * topics. That fences the previous leader's producer (its next commit fails) and aborts its open
 * transaction, so restore reads everything the previous leader will ever commit. A standby holds no
 * initialised producer, so starting one cannot fence the leader. Any failure closes the producer: the
 * allocation loop then restores, which opens a fresh one; a fenced producer is never reused.
 * {@link #close()} ends the term when the lease is lost.
 *
 * <p>{@link #prepare()} creates the next term's producer ahead of time without initialising it (a
 * Kafka producer sends nothing for its transactional id before {@code initTransactions()}, so it
 * fences no one): the service calls it at start, in parallel with the rest of start-up, because a
 * cold producer took 240-290 ms of the ~590 ms between winning the lease and being ready to restore.
 * On a standby that later wins the lease (a failover) the producer is connected and has its metadata,
 * so taking over costs only {@code initTransactions()}.
 * Concurrency: every method is {@code synchronized} except the metadata fetch at the end of
 * {@code prepare()}; {@code open()} waits for a {@code prepare()} that is creating the producer and
 * then uses it.
 */
@ApplicationScoped
public class StateOutbox {
    private static final Logger LOG = Logger.getLogger(StateOutbox.class);

    private final Supplier<Producer<String, VersionedEvent>> factory;
    private final String source;
    private final Clock clock = Clock.systemUTC();
    private Producer<String, VersionedEvent> producer;
    /** Created by {@link #prepare()}, not initialised: taken by the next {@link #open()}. */
    private Producer<String, VersionedEvent> prepared;
    /** Set when the bean is destroyed: a {@link #prepare()} that comes later creates nothing. */
    private boolean destroyed;

    @Inject
    public StateOutbox(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IpamConfig ipam,
                       EventSourceConfig instance) {
        this(producerFactory(kafkaConfig, ipam.transactionalId(), "ipam-state-" + instance.name()), instance);
    }

    /** For tests: publishes with producers from the factory. */
    public StateOutbox(Supplier<Producer<String, VersionedEvent>> factory, EventSourceConfig instance) {
        this.factory = factory;
        this.source = instance.cloudEventSource();
    }

    static Supplier<Producer<String, VersionedEvent>> producerFactory(Map<String, Object> kafkaConfig, String transactionalId,
                                                                      String clientId) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.startsWith("key.") && !k.startsWith("value.") && !k.equals("group.id")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, NodePartitioner.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        // a large service's record (up to Topic.SERVICE_RECORD_LIMIT_BYTES; the engine refuses larger ones)
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topic.largestMessageBytes()));
        // first retry after 20 ms instead of 100 (then exponential up to retry.backoff.max.ms, 1 s): the
        // producer waits one backoff for its new connection to the transaction coordinator, which was
        // 100 of the ~370 ms initTransactions took at start-up on a local broker
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "20");
        // how long initTransactions, send and commit may block (the allocation loop waits for them)
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        Map<String, Object> frozen = Map.copyOf(config);
        return () -> new KafkaProducer<>(frozen, new StringSerializer(), new EventSerializer());
    }

    /**
     * Starts a leadership term: closes any producer of an earlier term, creates a new one and
     * initialises transactions, fencing every other producer of the same transactional id.
     */
    public synchronized void open() {
        closeProducer();
        Producer<String, VersionedEvent> created = prepared != null ? prepared : factory.get();
        prepared = null;
        try {
            created.initTransactions();
        } catch (RuntimeException e) {
            closeQuietly(created);
            throw e;
        }
        producer = created;
        LOG.info("Transactional producer ready; earlier producers of the same transactional id are fenced");
    }

    /**
     * Creates the next term's producer now, without initialising transactions, unless one is open or
     * prepared already. Safe on a standby: an uninitialised producer fences no one.
     */
    public void prepare() {
        Producer<String, VersionedEvent> created;
        synchronized (this) {
            if (producer != null || prepared != null || destroyed) {
                return;
            }
            created = factory.get();
            prepared = created;
        }
        // outside the lock (it may block while Kafka is away; open() and close() must not wait for it):
        // connects, fetches metadata and loads the protocol classes, so that a standby that later wins
        // the lease only pays initTransactions. The producer is thread-safe; a close() meanwhile ends it.
        try {
            created.partitionsFor(Topic.NODE_ADDRESSING.topicName());
        } catch (RuntimeException e) {
            LOG.debugf(e, "Fetching metadata with the prepared producer failed");
        }
    }

    /** Whether a term is open (a producer is initialised). */
    public synchronized boolean isOpen() {
        return producer != null;
    }

    /**
     * Publishes the records and audits of a batch atomically; throws if there is no open term or the
     * transaction fails (the producer is then closed: the next term opens a new one).
     */
    public synchronized void publish(List<Changes.Publish> records, List<AuditEvent> audits) {
        if (records.isEmpty() && audits.isEmpty()) {
            return;
        }
        if (producer == null) {
            throw new IllegalStateException("no transactional producer: not the leader, or the last transaction failed");
        }
        try {
            producer.beginTransaction();
            for (Changes.Publish p : records) {
                producer.send(record(p.topic(), p.key(), p.value()));
            }
            for (AuditEvent a : audits) {
                producer.send(record(Topic.AUDIT, a.subject(), a));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            // fenced, timed out or failed: nothing of this batch is committed; never reuse the producer
            closeProducer();
            if (fencing(e)) {
                throw new FencedException("transactional id taken over by a newer producer", e);
            }
            throw e;
        }
    }

    /** Whether the failure says another producer of the same transactional id (a newer leader) took over. */
    static boolean fencing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** At shutdown: ends the term and keeps a late {@link #prepare()} from creating a producer. */
    @PreDestroy
    synchronized void destroy() {
        destroyed = true;
        close();
    }

    /** Ends the leadership term: closes the producer (an open transaction is aborted) and a prepared one. */
    public synchronized void close() {
        closeProducer();
        if (prepared != null) {
            closeQuietly(prepared);
            prepared = null;
        }
    }

    private void closeProducer() {
        if (producer != null) {
            closeQuietly(producer);
            producer = null;
        }
    }

    private static void closeQuietly(Producer<?, ?> p) {
        try {
            p.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Closing the transactional producer failed");
        }
    }

    private ProducerRecord<String, VersionedEvent> record(Topic topic, String key, VersionedEvent value) {
        int version = value == null ? topic.supportedSchemaVersions().iterator().next() : value.schemaVersion();
        return new ProducerRecord<>(topic.topicName(), null, key, value,
                CloudEventHeaders.create(topic, version, source, key, clock.instant()));
    }
}
