package io.acicni.localrun.bench;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind of operation (HdrHistogram, microsecond resolution, 3 significant digits, up
 * to one hour) and how many operations failed. Thread-safe for recording.
 */
public final class LatencyStats {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final Histogram histogram = new Histogram(MAX_MICROS, 3);
    private long errors;

    public synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1_000)));
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized void errors(long n) {
        errors += n;
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized long errorCount() {
        return errors;
    }

    /** Percentile in milliseconds ({@code p} in 0..100), 0 when nothing was recorded. */
    public synchronized double percentileMillis(double p) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(p) / 1000.0;
    }

    public synchronized double maxMillis() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    public synchronized double meanMillis() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1000.0;
    }

    public synchronized void addAll(LatencyStats other) {
        synchronized (other) {
            histogram.add(other.histogram);
            errors += other.errors;
        }
    }

    /** The figures of the report. */
    public synchronized Summary summary() {
        return new Summary(count(), errorCount(), round(percentileMillis(50)), round(percentileMillis(99)),
                round(percentileMillis(99.9)), round(maxMillis()), round(meanMillis()));
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Latency figures in milliseconds. */
    public record Summary(long count, long errors, double p50Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {
    }
}
