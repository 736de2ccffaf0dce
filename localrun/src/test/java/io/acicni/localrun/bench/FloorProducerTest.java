package io.acicni.localrun.bench;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloorProducerTest {
    private final List<MockProducer<String, byte[]>> made = new ArrayList<>();

    private Producer<String, byte[]> newProducer() {
        MockProducer<String, byte[]> p = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        made.add(p);
        return p;
    }

    @Test
    void aFailedTransactionIsCountedAndTheRunGoesOnWithANewProducer() {
        FloorProducer floor = new FloorProducer(this::newProducer, true, "t");
        MockProducer<String, byte[]> first = (MockProducer<String, byte[]>) floor.open();
        first.commitTransactionException = new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state.");
        // 200/s: 20 records take ~0.1 s, in several transactions; the first commit fails
        FloorProducer.Outcome outcome = floor.run(first, new RatePacer(System.nanoTime(), 200), 20);

        assertThat(outcome.sent()).isEqualTo(20);
        assertThat(outcome.failedTransactions()).isEqualTo(1);
        assertThat(outcome.lostRecords()).isPositive();
        assertThat(outcome.lastFailure()).startsWith("InvalidTxnStateException: The producer attempted");
        assertThat(made).hasSize(2);
        assertThat(first.closed()).isTrue();
        MockProducer<String, byte[]> second = made.get(1);
        assertThat(second.closed()).isTrue();
        assertThat(second.history()).hasSize((int) (20 - outcome.lostRecords()));
        assertThat(second.commitCount()).isPositive();
    }

    @Test
    void withoutFailuresEveryRecordIsCommitted() {
        FloorProducer floor = new FloorProducer(this::newProducer, true, "t");
        FloorProducer.Outcome outcome = floor.run(floor.open(), new RatePacer(System.nanoTime(), 1000), 30);
        assertThat(outcome).isEqualTo(new FloorProducer.Outcome(30, 0, 0, null));
        assertThat(made).hasSize(1);
        assertThat(made.get(0).history()).hasSize(30);
        assertThat(made.get(0).history().get(0).value()).hasSize(420);
    }

    @Test
    void aPlainProducersFailureEndsTheRun() {
        FloorProducer floor = new FloorProducer(this::newProducer, false, "t");
        MockProducer<String, byte[]> p = (MockProducer<String, byte[]>) floor.open();
        p.sendException = new org.apache.kafka.common.KafkaException("broken");
        assertThatThrownBy(() -> floor.run(p, new RatePacer(System.nanoTime(), 1000), 5)).hasMessage("broken");
        assertThat(p.closed()).isTrue();
    }
}
