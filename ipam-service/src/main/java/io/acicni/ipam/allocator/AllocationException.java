package io.acicni.ipam.allocator;

/** A refused allocator operation; {@link #error()} is the sentinel to act on, the message is for humans. */
public final class AllocationException extends RuntimeException {
    private final AllocationError error;

    public AllocationException(AllocationError error, String message) {
        super(error + ": " + message, null, false, false);
        this.error = error;
    }

    public AllocationError error() {
        return error;
    }
}
