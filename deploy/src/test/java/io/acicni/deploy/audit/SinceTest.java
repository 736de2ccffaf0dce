package io.acicni.deploy.audit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinceTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void durationsCountBackFromNow() {
        assertThat(Since.parse("90s", CLOCK)).isEqualTo(NOW.minusSeconds(90));
        assertThat(Since.parse("15m", CLOCK)).isEqualTo(NOW.minusSeconds(900));
        assertThat(Since.parse("1h30m", CLOCK)).isEqualTo(NOW.minusSeconds(5400));
        assertThat(Since.parse("7d", CLOCK)).isEqualTo(NOW.minusSeconds(7 * 86400));
        assertThat(Since.parse("PT2H", CLOCK)).isEqualTo(NOW.minusSeconds(7200));
    }

    @Test
    void timestampsAreTakenAsGiven() {
        assertThat(Since.parse("2025-01-31T10:00:00Z", CLOCK)).isEqualTo(Instant.parse("2025-01-31T10:00:00Z"));
        assertThat(Since.parse("2025-01-31T11:00:00+01:00", CLOCK)).isEqualTo(Instant.parse("2025-01-31T10:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Since.parse("10 minutes", CLOCK)).hasMessageContaining("90s, 15m, 2h, 7d");
        assertThatThrownBy(() -> Since.parse("P1X", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
