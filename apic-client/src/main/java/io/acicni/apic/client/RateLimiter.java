package io.acicni.apic.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Token bucket: at most {@code permitsPerSecond} requests per second on average, bursts up to {@code burst}. */
public final class RateLimiter {

    private final double permitsPerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate limit needs permitsPerSecond > 0 and burst >= 1");
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** No limit worth mentioning (for tests and benchmarks). */
    public static RateLimiter unlimited() {
        return new RateLimiter(1_000_000, 1_000_000, System::nanoTime, Sleeper.SYSTEM);
    }

    /** Takes one permit, waiting for it if needed. */
    public void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            refill();
            tokens -= 1;
            wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / permitsPerSecond * 1e9));
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * permitsPerSecond);
        last = now;
    }
}
