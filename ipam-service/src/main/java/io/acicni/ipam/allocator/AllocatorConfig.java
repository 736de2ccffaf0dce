package io.acicni.ipam.allocator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the allocator core needs, in plain types (the service builds it from the
 * {@code controller-config} of the netconfig module). Ranges of both families may be mixed in one
 * list; they are split by family, and a range mixing families is rejected.
 *
 * @param podFamilies pod families in the cluster's primary order (order of {@code pod_subnet}); empty =
 *     order of first appearance in {@code podPool}
 * @param podPool {@code pod-ip-pool}
 * @param chunkSize {@code pod-subnet-chunk-size}; 0 = 32
 * @param servicePool {@code service-ip-pool} (dynamic LB)
 * @param staticServicePool {@code static-service-ip-pool} (requested LB addresses)
 * @param nodeServicePool {@code node-service-ip-pool}
 * @param quarantine how long a released address rests before reuse; also the idle time before a
 *     surplus chunk flows back
 * @param clock time source (inject a fixed/fake clock in tests)
 */
public record AllocatorConfig(List<IpFamily> podFamilies, List<AddressRange> podPool, int chunkSize,
        List<AddressRange> servicePool, List<AddressRange> staticServicePool, List<AddressRange> nodeServicePool,
        Duration quarantine, Clock clock) {

    public static final int DEFAULT_CHUNK_SIZE = 32;
    public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(30);

    public AllocatorConfig {
        podPool = List.copyOf(podPool);
        servicePool = servicePool == null ? List.of() : List.copyOf(servicePool);
        staticServicePool = staticServicePool == null ? List.of() : List.copyOf(staticServicePool);
        nodeServicePool = nodeServicePool == null ? List.of() : List.copyOf(nodeServicePool);
        if (podFamilies == null || podFamilies.isEmpty()) {
            List<IpFamily> order = new ArrayList<>();
            for (AddressRange r : podPool) {
                if (!order.contains(r.family())) {
                    order.add(r.family());
                }
            }
            podFamilies = order;
        }
        podFamilies = List.copyOf(podFamilies);
        if (podFamilies.stream().distinct().count() != podFamilies.size()) {
            throw new IllegalArgumentException("pod families repeated: " + podFamilies);
        }
        for (IpFamily f : podFamilies) {
            if (podPool.stream().noneMatch(r -> r.family() == f)) {
                throw new IllegalArgumentException("pod family " + f + " has no range in pod-ip-pool");
            }
        }
        if (chunkSize == 0) {
            chunkSize = DEFAULT_CHUNK_SIZE;
        }
        if (chunkSize < 0) {
            throw new IllegalArgumentException("negative chunk size " + chunkSize);
        }
        quarantine = quarantine == null ? DEFAULT_QUARANTINE : quarantine;
        if (quarantine.isNegative()) {
            throw new IllegalArgumentException("negative quarantine " + quarantine);
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction with string ranges ({@code "start-end"} or CIDR). */
    public static final class Builder {
        private final List<IpFamily> podFamilies = new ArrayList<>();
        private final List<AddressRange> podPool = new ArrayList<>();
        private final List<AddressRange> servicePool = new ArrayList<>();
        private final List<AddressRange> staticServicePool = new ArrayList<>();
        private final List<AddressRange> nodeServicePool = new ArrayList<>();
        private int chunkSize;
        private Duration quarantine;
        private Clock clock;

        /** Pod pool range, in primary-family order: the first family added is primary. */
        public Builder podRange(String range) {
            AddressRange r = parse(range);
            if (!podFamilies.contains(r.family())) {
                podFamilies.add(r.family());
            }
            podPool.add(r);
            return this;
        }

        public Builder serviceRange(String range) {
            servicePool.add(parse(range));
            return this;
        }

        public Builder staticServiceRange(String range) {
            staticServicePool.add(parse(range));
            return this;
        }

        public Builder nodeServiceRange(String range) {
            nodeServicePool.add(parse(range));
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder quarantine(Duration quarantine) {
            this.quarantine = quarantine;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public AllocatorConfig build() {
            return new AllocatorConfig(podFamilies, podPool, chunkSize, servicePool, staticServicePool,
                    nodeServicePool, quarantine, clock);
        }

        /** {@code "a.b.c.d-e.f.g.h"}, {@code "start - end"} or a CIDR (whole block). */
        static AddressRange parse(String range) {
            int dash = range.indexOf('-');
            if (dash > 0) {
                return AddressRange.parse(range.substring(0, dash), range.substring(dash + 1));
            }
            return AddressRange.ofCidr(range);
        }
    }
}
