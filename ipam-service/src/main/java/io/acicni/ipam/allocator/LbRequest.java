package io.acicni.ipam.allocator;

import java.util.List;
import java.util.Objects;

/**
 * What a LoadBalancer service asks for. The service layer derives {@code families} from
 * {@code clusterIPs} and {@code ipFamilies}/{@code ipFamilyPolicy}, and {@code requested} from the
 * {@code opflex.cisco.com/lb-ipam-ips} annotation or {@code spec.loadBalancerIP}.
 *
 * @param serviceKey {@code namespace/name}
 * @param families the service's families in its order (order of {@code clusterIPs})
 * @param requested requested addresses (static pool only), at most one per family
 * @param requireAllFamilies RequireDualStack: all families or none
 */
public record LbRequest(String serviceKey, List<IpFamily> families, List<Address> requested,
        boolean requireAllFamilies) {

    public LbRequest {
        Objects.requireNonNull(serviceKey, "serviceKey");
        families = List.copyOf(families);
        requested = requested == null ? List.of() : List.copyOf(requested);
    }

    /** Dynamic addresses for the given families, nothing requested, no dual-stack requirement. */
    public static LbRequest dynamic(String serviceKey, IpFamily... families) {
        return new LbRequest(serviceKey, List.of(families), List.of(), false);
    }
}
