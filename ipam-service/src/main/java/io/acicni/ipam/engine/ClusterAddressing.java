package io.acicni.ipam.engine;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.PodAddress;
import io.acicni.ipam.allocator.Address;
import io.acicni.ipam.allocator.AddressRange;
import io.acicni.ipam.allocator.AllocatorConfig;
import io.acicni.ipam.allocator.IpFamily;
import io.acicni.netconfig.config.ControllerConfig;
import io.acicni.netconfig.config.IpRange;
import io.acicni.netconfig.ip.Cidr;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What ipam takes from the {@code controller-config}: the allocator's pools per family and purpose,
 * and the pod subnets that give each pod address its prefix length and gateway.
 */
public final class ClusterAddressing {
    private final AllocatorConfig allocatorConfig;
    private final List<Cidr> podSubnets;

    private ClusterAddressing(AllocatorConfig allocatorConfig, List<Cidr> podSubnets) {
        this.allocatorConfig = allocatorConfig;
        this.podSubnets = List.copyOf(podSubnets);
    }

    public static ClusterAddressing from(ControllerConfig config, Duration quarantine, Clock clock) {
        List<IpFamily> families = new ArrayList<>();
        for (var f : config.podFamilies()) {
            families.add(f == io.acicni.netconfig.ip.IpFamily.IPV4 ? IpFamily.V4 : IpFamily.V6);
        }
        AllocatorConfig allocator = new AllocatorConfig(families, ranges(config.podIpPool()), config.podSubnetChunkSize(),
                ranges(config.serviceIpPool()), ranges(config.staticServiceIpPool()), ranges(config.nodeServiceIpPool()),
                quarantine, clock);
        return new ClusterAddressing(allocator, config.podSubnetCidrs());
    }

    private static List<AddressRange> ranges(List<IpRange> ranges) {
        List<AddressRange> out = new ArrayList<>();
        for (IpRange r : ranges) {
            out.add(new AddressRange(Address.from(r.startAddress()), Address.from(r.endAddress())));
        }
        return out;
    }

    public AllocatorConfig allocatorConfig() {
        return allocatorConfig;
    }

    /** The pod families in the cluster's primary-first order (order of {@code pod_subnet}). */
    public List<IpFamily> podFamilies() {
        return allocatorConfig.podFamilies();
    }

    /**
     * A pod address with the prefix length and gateway of the configured pod subnet containing it
     * (never those of another family's subnet: Cisco's pre-2023 bug).
     *
     * @throws IllegalStateException when no pod subnet contains the address — a pool and subnet
     *                               mismatch in the config (Cisco's P7 leaks the address silently)
     */
    public PodAddress podAddress(Address address) {
        IPAddress ip = address.toIpAddress();
        for (Cidr subnet : podSubnets) {
            if (subnet.contains(ip)) {
                return new PodAddress(ip, subnet.prefixLength(), subnet.gateway());
            }
        }
        throw new IllegalStateException("pod address " + ip + " lies in no pod subnet of the controller-config " + podSubnets);
    }
}
