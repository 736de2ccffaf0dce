package io.acicni.ipam.allocator;

/** Shared gate: allocations answer NOT_READY until restore has finished ({@link #markReady()}). */
public final class Readiness {
    private volatile boolean ready;

    public boolean isReady() {
        return ready;
    }

    public void markReady() {
        ready = true;
    }

    public void markNotReady() {
        ready = false;
    }

    void check() {
        if (!ready) {
            throw new AllocationException(AllocationError.NOT_READY, "state not restored yet");
        }
    }
}
