package io.acicni.ipam.allocator;

/**
 * A restore or request that could not be honoured, reported instead of reassigning anything.
 *
 * @param subject what was being claimed (address or range text)
 * @param error why (ALREADY_ALLOCATED = duplicate, NOT_IN_RANGE = outside the pool/node ranges, ...)
 * @param detail human detail, e.g. the current holder
 */
public record Conflict(String subject, AllocationError error, String detail) {
}
