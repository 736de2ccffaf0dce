package io.acicni.apic.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport builds its TLS context on the first call, not when apic-sync starts. */
class JdkHttpTransportTest {
    private static final HttpCall CALL = new HttpCall("https://127.0.0.1:1", "GET", "/api/class/fvTenant.json", null,
            Map.of(), Duration.ofSeconds(1));

    @Test
    void aBadCaBundleFailsTheFirstCallNamingTheBundleAndEveryLaterCallAgain() {
        TlsSettings garbage = TlsSettings.caBundlePem("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        JdkHttpTransport transport = new JdkHttpTransport(garbage, Duration.ofSeconds(1));

        assertThatThrownBy(() -> transport.send(CALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot build TLS settings from CA bundle given inline");
        assertThatThrownBy(() -> transport.send(CALL)).as("a failed build is not kept")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA bundle given inline");
    }

    @Test
    void turningVerificationOffIsWarnedWhenTheTransportIsBuiltNotOnlyAtTheFirstCall() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(TlsSettings.class.getName());
        java.util.List<String> warnings = new java.util.ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            new JdkHttpTransport(TlsSettings.insecureTrustAll(), Duration.ofSeconds(1));
            new JdkHttpTransport(TlsSettings.systemDefault(), Duration.ofSeconds(1));
        } finally {
            log.removeHandler(handler);
        }
        org.assertj.core.api.Assertions.assertThat(warnings).singleElement().asString().contains("DISABLED");
    }

    @Test
    void constructionDoesNoTlsWork() {
        TlsSettings garbage = TlsSettings.caBundlePem("no certificate here");
        assertThatCode(() -> new JdkHttpTransport(garbage, Duration.ofSeconds(1))).doesNotThrowAnyException();
    }
}
