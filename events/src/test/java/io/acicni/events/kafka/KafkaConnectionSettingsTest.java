package io.acicni.events.kafka;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConnectionSettingsTest {

    @Test
    void defaultsToLocalBroker() {
        assertThat(KafkaConnectionSettings.fromEnvironment(Map.of()).getProperty("bootstrap.servers")).isEqualTo("localhost:9092");
    }

    @Test
    void mapsEveryVariable() {
        Properties p = KafkaConnectionSettings.fromEnvironment(Map.of(
                "ACICNI_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9093,kafka-1:9093",
                "ACICNI_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "ACICNI_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "ACICNI_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret\";",
                "ACICNI_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "ACICNI_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trustpass",
                "ACICNI_KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                "ACICNI_KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/user.p12",
                "ACICNI_KAFKA_SSL_KEYSTORE_PASSWORD", "keypass",
                "ACICNI_KAFKA_SSL_KEYSTORE_TYPE", "PKCS12"));
        assertThat(p).containsEntry("bootstrap.servers", "kafka-0:9093,kafka-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("ssl.keystore.type", "PKCS12");
        assertThat(KafkaConnectionSettings.redacted(p).toString()).doesNotContain("s3cret", "trustpass", "keypass");
    }

    @Test
    void quarkusServicesReadTheSameVariables() throws Exception {
        Properties mp = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            mp.load(in);
        }
        KafkaConnectionSettings.VARIABLES.forEach((variable, property) ->
                assertThat(mp.getProperty("kafka." + property)).as("kafka.%s", property).startsWith("${" + variable + ":"));
    }
}
