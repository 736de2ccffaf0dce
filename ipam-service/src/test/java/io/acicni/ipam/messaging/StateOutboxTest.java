package io.acicni.ipam.messaging;

import inet.ipaddr.IPAddressString;
import io.acicni.events.cloudevents.CloudEventHeaders;
import io.acicni.events.model.AuditEvent;
import io.acicni.events.model.PodAddress;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.serde.EventSerializer;
import io.acicni.events.topic.Topic;
import io.acicni.ipam.config.EventSourceConfig;
import io.acicni.ipam.engine.Changes;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox's producer lives for one leadership term and is never reused after a failure. */
class StateOutboxTest {
    private final List<MockProducer<String, VersionedEvent>> producers = new ArrayList<>();
    private final StateOutbox outbox = new StateOutbox(() -> {
        MockProducer<String, VersionedEvent> p = new MockProducer<>(true, null, new StringSerializer(), new EventSerializer());
        producers.add(p);
        return p;
    }, new EventSourceConfig() {
        @Override
        public String service() {
            return "ipam-service";
        }

        @Override
        public String name() {
            return "replica-x";
        }
    });

    @Test
    void aStandbyHoldsNoProducerAndCannotPublish() {
        assertThat(outbox.isOpen()).isFalse();
        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(producers).as("no producer, so nothing fenced").isEmpty();
    }

    @Test
    void aTermInitialisesTransactionsAndPublishesABatchInOneTransaction() {
        outbox.open();
        MockProducer<String, VersionedEvent> p = producers.get(0);
        assertThat(p.transactionInitialized()).isTrue();

        AuditEvent audit = new AuditEvent("pod/default/a", "ipam-service/replica-x", "pod.allocated", null, null, "test", Instant.now());
        outbox.publish(List.of(pod("a"), pod("b")), List.of(audit));

        assertThat(p.commitCount()).isEqualTo(1);
        assertThat(p.history()).extracting(ProducerRecord::topic)
                .containsExactly(Topic.POD_ADDRESSING.topicName(), Topic.POD_ADDRESSING.topicName(), Topic.AUDIT.topicName());
        assertThat(CloudEventHeaders.read(p.history().get(0).headers()).source()).isEqualTo("/acicni/ipam-service/replica-x");
        assertThat(CloudEventHeaders.read(p.history().get(0).headers()).subject()).isEqualTo("node-1/a");
    }

    @Test
    void aFencedProducerIsClosedAndOnlyANewTermPublishesAgain() {
        outbox.open();
        MockProducer<String, VersionedEvent> first = producers.get(0);
        first.fenceProducer();

        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(io.acicni.ipam.engine.FencedException.class)
                .hasCauseInstanceOf(ProducerFencedException.class);
        assertThat(first.closed()).isTrue();
        assertThat(outbox.isOpen()).isFalse();
        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(IllegalStateException.class);
        assertThat(producers).as("publish never creates a producer behind the term's back").hasSize(1);

        outbox.open();
        MockProducer<String, VersionedEvent> second = producers.get(1);
        outbox.publish(List.of(pod("a")), List.of());
        assertThat(second.transactionInitialized()).isTrue();
        assertThat(second.commitCount()).isEqualTo(1);
    }

    @Test
    void aFailedCommitClosesTheProducer() {
        outbox.open();
        MockProducer<String, VersionedEvent> p = producers.get(0);
        p.commitTransactionException = new org.apache.kafka.common.errors.TimeoutException("commit timed out");

        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).hasMessageContaining("commit timed out")
                .isNotInstanceOf(io.acicni.ipam.engine.FencedException.class);
        assertThat(p.closed()).isTrue();
        assertThat(outbox.isOpen()).isFalse();
    }

    @Test
    void aStaleEpochAtCommitIsAFencingToo() {
        outbox.open();
        producers.get(0).commitTransactionException = new org.apache.kafka.common.KafkaException("commit failed",
                new org.apache.kafka.common.errors.InvalidProducerEpochException("epoch bumped by a newer producer"));
        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(io.acicni.ipam.engine.FencedException.class);
    }

    @Test
    void closingEndsTheTerm() {
        outbox.open();
        outbox.close();
        assertThat(producers.get(0).closed()).isTrue();
        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reopeningClosesTheEarlierProducer() {
        outbox.open();
        outbox.open();
        assertThat(producers.get(0).closed()).isTrue();
        assertThat(producers.get(1).closed()).isFalse();
    }

    @Test
    void aPreparedProducerIsNotInitialisedUntilTheTermOpensAndThenItIsTheOne() {
        outbox.prepare();
        outbox.prepare();
        assertThat(producers).as("one producer prepared, however often asked").hasSize(1);
        assertThat(producers.get(0).transactionInitialized()).as("a standby's prepared producer fences no one").isFalse();
        assertThat(outbox.isOpen()).isFalse();
        assertThatThrownBy(() -> outbox.publish(List.of(pod("a")), List.of())).isInstanceOf(IllegalStateException.class);

        outbox.open();
        assertThat(producers).hasSize(1);
        assertThat(producers.get(0).transactionInitialized()).isTrue();
        outbox.publish(List.of(pod("a")), List.of());
        assertThat(producers.get(0).commitCount()).isEqualTo(1);

        outbox.prepare();
        assertThat(producers).as("nothing prepared while a term is open").hasSize(1);
        outbox.open();
        assertThat(producers).as("a later term creates a fresh producer").hasSize(2);
        assertThat(producers.get(0).closed()).isTrue();
    }

    @Test
    void closingAlsoClosesAPreparedProducer() {
        outbox.prepare();
        outbox.close();
        assertThat(producers.get(0).closed()).isTrue();
        outbox.open();
        assertThat(producers).as("the closed prepared producer is not reused").hasSize(2);
        assertThat(producers.get(1).transactionInitialized()).isTrue();
    }

    @Test
    void afterShutdownALatePrepareCreatesNothing() {
        outbox.destroy();
        outbox.prepare();
        assertThat(producers).as("the warm-up thread may run after the bean is destroyed").isEmpty();
    }

    private static Changes.Publish pod(String uid) {
        PodAddressing pod = new PodAddressing(uid, "default", "pod-" + uid, "node-1",
                List.of(new PodAddress(new IPAddressString("10.2.0.5").getAddress(), 16, new IPAddressString("10.2.0.1").getAddress())),
                null, null, null, Map.of());
        return new Changes.Publish(Topic.POD_ADDRESSING, pod.key(), pod);
    }
}
