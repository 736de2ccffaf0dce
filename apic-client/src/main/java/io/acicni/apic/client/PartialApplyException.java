package io.acicni.apic.client;

import io.acicni.apic.diff.ChangeSet;

/**
 * A change set failed part-way: the writes in {@link #applied()} were made before {@link #getCause()}
 * stopped the rest. A caller that audits or counts writes must account for those: the next pass will
 * find them in sync and never report them again.
 */
public class PartialApplyException extends ApicException {

    private static final long serialVersionUID = 1L;

    private final transient ChangeSet applied;

    public PartialApplyException(ChangeSet applied, int total, RuntimeException cause) {
        super("after " + applied.writeCount() + " of " + total + " writes: " + cause.getMessage(),
                cause instanceof ApicException a ? a.httpStatus() : 0,
                cause instanceof ApicException a ? a.apicCode() : "",
                cause instanceof ApicException a ? a.apicText() : "", cause);
        this.applied = applied;
    }

    /** The writes that were made (with the removals inside the POSTs made). */
    public ChangeSet applied() {
        return applied;
    }
}
