package io.acicni.ipam.allocator;

import java.time.Clock;

/** Milliseconds from an injectable clock, never going backwards (quarantine queues rely on order). */
final class MonotonicMillis {
    private final Clock clock;
    private long last = Long.MIN_VALUE;

    MonotonicMillis(Clock clock) {
        this.clock = clock;
    }

    long now() {
        long t = clock.millis();
        if (t > last) {
            last = t;
        }
        return last;
    }
}
