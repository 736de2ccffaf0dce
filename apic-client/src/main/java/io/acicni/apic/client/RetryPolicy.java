package io.acicni.apic.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff for transient failures (connection errors, 502/503/504):
 * delay(n) = min(maxDelay, baseDelay * 2^(n-1)) plus up to {@code jitter} of it at random.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, double jitter) {

    public RetryPolicy {
        if (maxRetries < 0 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || jitter < 0) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /** 5 retries from 1 s, capped at 30 s, 20 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    }

    /** The wait before retry number {@code attempt} (1-based). */
    public Duration delay(int attempt) {
        long base = baseDelay.toNanos();
        long capped = maxDelay.toNanos();
        long d = base;
        for (int i = 1; i < attempt && d < capped; i++) {
            d *= 2;
        }
        d = Math.min(d, capped);
        long extra = jitter == 0 ? 0 : (long) (d * jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos(d + extra);
    }
}
