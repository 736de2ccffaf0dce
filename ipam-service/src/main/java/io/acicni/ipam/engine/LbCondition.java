package io.acicni.ipam.engine;

import io.acicni.ipam.allocator.LbOutcome;

/**
 * The {@code LbIpamAllocation} condition of a LoadBalancer Service. Reasons and messages are
 * Cisco's where Cisco has them; ours are added for cases Cisco does not report.
 */
public record LbCondition(String status, String reason, String message) {
    public static final String TYPE = "LbIpamAllocation";

    public static final String INVALID_ANNOTATION = "InvalidAnnotation";
    public static final String INVALID_ANNOTATION_MESSAGE = "Invalid Loadbalancer IP annotation";
    public static final String REQUESTED_NOT_ALLOCATABLE = "RequestedIpsNotAllocatable";
    public static final String REQUESTED_NOT_ALLOCATABLE_MESSAGE =
            "The requested ips for loadbalancer service are not available or not in extern static range";
    public static final String ONE_NOT_ALLOCATABLE = "OneIpNotAllocatable";
    public static final String ONE_NOT_ALLOCATABLE_MESSAGE = "One of the requested Ips is not allocatable";
    public static final String SUCCESS = "Success";
    public static final String DUAL_STACK_NOT_SATISFIED = "DualStackNotSatisfiable";
    public static final String NO_ADDRESSES = "NoAddressesAvailable";

    public static LbCondition success(String ips) {
        return new LbCondition("True", SUCCESS, "Allocated " + ips);
    }

    public static LbCondition invalid(String detail) {
        return new LbCondition("False", INVALID_ANNOTATION, INVALID_ANNOTATION_MESSAGE + ": " + detail);
    }

    /** The condition for an allocator outcome other than an invalid request. */
    public static LbCondition of(LbOutcome outcome, String ips, String detail) {
        return switch (outcome) {
            case SUCCESS -> success(ips);
            case INVALID_REQUEST -> invalid(detail);
            case REQUESTED_NOT_ALLOCATABLE -> new LbCondition("False", REQUESTED_NOT_ALLOCATABLE, REQUESTED_NOT_ALLOCATABLE_MESSAGE);
            case ONE_NOT_ALLOCATABLE -> new LbCondition("False", ONE_NOT_ALLOCATABLE, ONE_NOT_ALLOCATABLE_MESSAGE);
            case NO_ADDRESSES -> new LbCondition("False", NO_ADDRESSES,
                    "No LoadBalancer address is free in extern_dynamic for the service's families: " + detail);
            case FAMILIES_NOT_SATISFIED -> new LbCondition("False", DUAL_STACK_NOT_SATISFIED,
                    "RequireDualStack: both an IPv4 and an IPv6 LoadBalancer address are needed and "
                            + detail + "; the service holds none");
        };
    }
}
