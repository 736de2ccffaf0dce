package io.acicni.testkit.apic;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaviour on demand, for client and reconcile tests. Faults apply to every request
 * (logins included) in the order: delay, then a forced status, then garbage.
 */
public final class FaultInjector {

    private final ApicEmulator emulator;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private final AtomicInteger garbageLeft = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile String rejectedDn;
    private volatile ApicRequestError rejection;

    FaultInjector(ApicEmulator emulator) {
        this.emulator = emulator;
    }

    /** The next {@code count} requests are answered with {@code httpStatus} (e.g. 503) and no APIC body. */
    public FaultInjector failNext(int count, int httpStatus) {
        failureStatus = httpStatus;
        failuresLeft.set(count);
        return this;
    }

    /** The next {@code count} requests are answered 200 with a body that is not JSON. */
    public FaultInjector answerGarbage(int count) {
        garbageLeft.set(count);
        return this;
    }

    /** Every answer is delayed by {@code d} until {@link #clear()}. */
    public FaultInjector delay(Duration d) {
        delay = d;
        return this;
    }

    /**
     * POSTs and DELETEs on {@code dn} or below it are refused with HTTP 400 and this APIC error
     * until {@link #clear()} (e.g. code {@code "182"}, a validation failure the client cannot fix).
     */
    public FaultInjector rejectWritesUnder(String dn, String code, String text) {
        rejection = new ApicRequestError(400, code, text);
        rejectedDn = dn;
        return this;
    }

    /** Every token issued so far becomes invalid (403 "Token was invalid"). */
    public FaultInjector expireAllTokens() {
        emulator.state().authenticator().expireAll();
        return this;
    }

    /** Closes the listener: connections are refused until {@link #comeBack()}. The objects survive. */
    public FaultInjector goDown() {
        emulator.stopListener();
        return this;
    }

    /** Opens the listener again on the same port. */
    public FaultInjector comeBack() {
        emulator.startListener();
        return this;
    }

    /** Removes every pending fault (a down listener stays down: use {@link #comeBack()}). */
    public void clear() {
        failuresLeft.set(0);
        garbageLeft.set(0);
        delay = Duration.ZERO;
        rejectedDn = null;
        rejection = null;
    }

    /** Throws the configured rejection when a write targets {@code dn} or a descendant. */
    void checkWrite(String dn) {
        String prefix = rejectedDn;
        ApicRequestError error = rejection;
        if (prefix != null && error != null && io.acicni.apic.model.Dn.isSelfOrDescendant(dn, prefix)) {
            throw error;
        }
    }

    Duration currentDelay() {
        return delay;
    }

    /** The forced status for this request, or 0. */
    int takeFailure() {
        return failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failureStatus : 0;
    }

    boolean takeGarbage() {
        return garbageLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
