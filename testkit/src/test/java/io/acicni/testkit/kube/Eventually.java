package io.acicni.testkit.kube;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a check passes (an AssertionError or exception means not yet) or the time is up; then rethrows the last failure. */
final class Eventually {
    private Eventually() {
    }

    static void check(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static <T> T get(Duration timeout, Supplier<T> value) {
        Object[] out = new Object[1];
        check(timeout, () -> {
            T v = value.get();
            if (v == null) {
                throw new AssertionError("still null");
            }
            out[0] = v;
        });
        @SuppressWarnings("unchecked")
        T result = (T) out[0];
        return result;
    }
}
