package io.acicni.ipam.allocator;

/** Sentinel errors of the allocator: callers switch on these, never on message text. */
public enum AllocationError {
    /** The pool (or the node's ranges plus the pool's chunks) has no free address of that family. */
    RANGE_FULL,
    /** The address, range or key is already held by someone (or is resting in quarantine). */
    ALREADY_ALLOCATED,
    /** The address or range is not inside the pool (or not inside the node's ranges). */
    NOT_IN_RANGE,
    /** State is not restored yet: no allocation may happen. */
    NOT_READY,
    /** Release of something that is not held. */
    NOT_ALLOCATED,
    /** The node is not known to the allocator. */
    UNKNOWN_NODE,
    /** The request itself is malformed (e.g. two requested addresses of one family, unconfigured family). */
    INVALID_REQUEST
}
