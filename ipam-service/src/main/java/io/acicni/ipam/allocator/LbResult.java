package io.acicni.ipam.allocator;

import java.util.List;

/**
 * Outcome of a LoadBalancer allocation.
 *
 * @param outcome what to report in the service condition
 * @param ingress the ingress addresses now held, in the order of the request's families
 * @param conflicts requests or families that could not be honoured, and why
 */
public record LbResult(LbOutcome outcome, List<Address> ingress, List<Conflict> conflicts) {

    public LbResult {
        ingress = List.copyOf(ingress);
        conflicts = List.copyOf(conflicts);
    }
}
