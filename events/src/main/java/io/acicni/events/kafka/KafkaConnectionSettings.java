package io.acicni.events.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The one Kafka connection configuration of the suite. Every service, the command line and the
 * local run read the same environment variables; the Quarkus services get them through
 * {@code META-INF/microprofile-config.properties} of this module (mapped to {@code kafka.*}), plain
 * clients through {@link #fromEnvironment(Map)}.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>ACICNI_KAFKA_BOOTSTRAP_SERVERS</td><td>bootstrap.servers (default localhost:9092)</td></tr>
 *   <tr><td>ACICNI_KAFKA_SECURITY_PROTOCOL</td><td>security.protocol: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL</td></tr>
 *   <tr><td>ACICNI_KAFKA_SASL_MECHANISM</td><td>sasl.mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, …</td></tr>
 *   <tr><td>ACICNI_KAFKA_SASL_JAAS_CONFIG</td><td>sasl.jaas.config (holds the credentials: mount it from a Secret)</td></tr>
 *   <tr><td>ACICNI_KAFKA_SSL_TRUSTSTORE_LOCATION / _PASSWORD / _TYPE</td><td>ssl.truststore.*</td></tr>
 *   <tr><td>ACICNI_KAFKA_SSL_KEYSTORE_LOCATION / _PASSWORD / _TYPE</td><td>ssl.keystore.* (mutual TLS)</td></tr>
 * </table>
 */
public final class KafkaConnectionSettings {
    /** Environment variable → Kafka client property. */
    public static final Map<String, String> VARIABLES;

    static {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("ACICNI_KAFKA_BOOTSTRAP_SERVERS", "bootstrap.servers");
        v.put("ACICNI_KAFKA_SECURITY_PROTOCOL", "security.protocol");
        v.put("ACICNI_KAFKA_SASL_MECHANISM", "sasl.mechanism");
        v.put("ACICNI_KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config");
        v.put("ACICNI_KAFKA_SSL_TRUSTSTORE_LOCATION", "ssl.truststore.location");
        v.put("ACICNI_KAFKA_SSL_TRUSTSTORE_PASSWORD", "ssl.truststore.password");
        v.put("ACICNI_KAFKA_SSL_TRUSTSTORE_TYPE", "ssl.truststore.type");
        v.put("ACICNI_KAFKA_SSL_KEYSTORE_LOCATION", "ssl.keystore.location");
        v.put("ACICNI_KAFKA_SSL_KEYSTORE_PASSWORD", "ssl.keystore.password");
        v.put("ACICNI_KAFKA_SSL_KEYSTORE_TYPE", "ssl.keystore.type");
        VARIABLES = Map.copyOf(v);
    }

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private KafkaConnectionSettings() {
    }

    /** Client properties from the environment; unset or blank variables are left to Kafka's defaults. */
    public static Properties fromEnvironment(Map<String, String> environment) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS);
        VARIABLES.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                properties.setProperty(property, value.trim());
            }
        });
        return properties;
    }

    /** Client properties from this process's environment. */
    public static Properties fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The properties with secret values replaced, for logging. */
    public static Map<String, String> redacted(Properties properties) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            boolean secret = name.endsWith("password") || name.equals("sasl.jaas.config");
            out.put(name, secret ? "<redacted>" : properties.getProperty(name));
        }
        return out;
    }
}
