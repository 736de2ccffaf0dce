package io.acicni.deploy.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since}: a duration back from now ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d},
 * {@code 1h30m}, ISO-8601 {@code PT15M}) or a timestamp (RFC 3339: {@code 2025-01-31T10:00:00Z},
 * {@code 2025-01-31T10:00:00+01:00}).
 */
public final class Since {
    private static final Pattern PARTS = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

    private Since() {
    }

    public static Instant parse(String text, Clock clock) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("--since is empty");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (WHOLE.matcher(lower).matches()) {
            Duration d = Duration.ZERO;
            Matcher m = PARTS.matcher(lower);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return clock.instant().minus(d);
        }
        if (lower.startsWith("p")) {
            try {
                return clock.instant().minus(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw invalid(t);
            }
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid(t);
            }
        }
    }

    private static IllegalArgumentException invalid(String t) {
        return new IllegalArgumentException("--since " + t + " is neither a duration (90s, 15m, 2h, 7d, PT15M) "
                + "nor a timestamp (2025-01-31T10:00:00Z)");
    }
}
