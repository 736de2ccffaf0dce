package io.acicni.testkit.kafka;

/**
 * One embedded broker per JVM, started on first use and stopped when the JVM exits, so that every
 * test class of a module shares it (a broker start costs 2-4 s). Tests isolate themselves with their
 * own consumer groups and keys, not with their own broker.
 */
public final class SharedKafka {
    private static EmbeddedKafka instance;

    private SharedKafka() {
    }

    public static synchronized EmbeddedKafka get() {
        if (instance == null) {
            instance = EmbeddedKafka.start();
            EmbeddedKafka started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-shutdown"));
        }
        return instance;
    }
}
