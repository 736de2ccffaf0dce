package io.acicni.localrun.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop pacing: operation {@code i} is due at {@code start + i / rate}, whatever happened to the
 * operations before it, so a slow system does not slow the offered load down (no coordinated
 * omission: a late operation is issued as soon as possible and its latency counts from when it was
 * actually sent).
 */
public final class RatePacer {
    private final long startNanos;
    private final double intervalNanos;

    public RatePacer(long startNanos, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / ratePerSecond;
    }

    /** When operation {@code i} (from 0) is due. */
    public long dueNanos(long i) {
        return startNanos + (long) (i * intervalNanos);
    }

    /** How many operations are due at {@code now} (operations 0..n-1). */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        return (long) Math.floor((nowNanos - startNanos) / intervalNanos) + 1;
    }

    /** Operations in a run of {@code seconds} at this rate. */
    public static long operations(double ratePerSecond, double seconds) {
        return Math.max(0, Math.round(ratePerSecond * seconds));
    }

    /** Sleeps until operation {@code i} is due (returns at once when it is already late). */
    public void awaitDue(long i) {
        long due = dueNanos(i);
        while (true) {
            long left = due - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, 1_000_000));
        }
    }
}
