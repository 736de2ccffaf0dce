package io.acicni.ipam.allocator;

/**
 * Result class of a LoadBalancer allocation; the service layer maps it to the {@code LbIpamAllocation}
 * condition (Cisco's reasons in brackets).
 */
public enum LbOutcome {
    /** Every family has an address and every request was honoured [True / Success]. */
    SUCCESS,
    /** Malformed request, e.g. two requested addresses of one family; nothing changed [InvalidAnnotation]. */
    INVALID_REQUEST,
    /** Addresses were requested and none could be given [RequestedIpsNotAllocatable]. */
    REQUESTED_NOT_ALLOCATABLE,
    /** Some requested addresses were given, some not [OneIpNotAllocatable]. */
    ONE_NOT_ALLOCATABLE,
    /** Nothing requested and no family could get an address (pools exhausted): retry later. */
    NO_ADDRESSES,
    /** RequireDualStack and not every family could get an address: the service holds none. */
    FAMILIES_NOT_SATISFIED
}
