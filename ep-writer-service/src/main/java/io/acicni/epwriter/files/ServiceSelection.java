package io.acicni.epwriter.files;

import inet.ipaddr.IPAddress;
import io.acicni.events.model.Addresses;
import io.acicni.events.model.ServiceAddressing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which services select which pods, from the services' ready endpoints ({@code podUid}): gives each
 * pod the {@code service-ip} list of its {@code .ep} file — every cluster IP (both families, in
 * {@code clusterIPs} order) of every selecting service, services ordered by namespace/name.
 */
public final class ServiceSelection {
    private ServiceSelection() {
    }

    public static Map<String, List<String>> serviceIpsByPod(Collection<ServiceAddressing> services) {
        List<ServiceAddressing> ordered = new ArrayList<>(services);
        ordered.sort(Comparator.comparing(ServiceAddressing::namespace).thenComparing(ServiceAddressing::name));
        Map<String, Set<String>> byPod = new HashMap<>();
        for (ServiceAddressing service : ordered) {
            if (service.clusterIPs().isEmpty()) {
                continue;
            }
            for (ServiceAddressing.Endpoint endpoint : service.endpoints()) {
                if (endpoint.podUid() == null) {
                    continue;
                }
                Set<String> ips = byPod.computeIfAbsent(endpoint.podUid(), k -> new LinkedHashSet<>());
                for (IPAddress ip : service.clusterIPs()) {
                    ips.add(Addresses.format(ip));
                }
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        byPod.forEach((pod, ips) -> out.put(pod, List.copyOf(ips)));
        return out;
    }

    /**
     * The {@code service-ip} list of one pod from the services whose ready endpoints include it (same
     * order and de-duplication as {@link #serviceIpsByPod}); empty when none has cluster IPs.
     */
    public static List<String> serviceIps(Collection<ServiceAddressing> selecting) {
        List<ServiceAddressing> ordered = new ArrayList<>(selecting);
        ordered.sort(Comparator.comparing(ServiceAddressing::namespace).thenComparing(ServiceAddressing::name));
        Set<String> ips = new LinkedHashSet<>();
        for (ServiceAddressing service : ordered) {
            for (IPAddress ip : service.clusterIPs()) {
                ips.add(Addresses.format(ip));
            }
        }
        return List.copyOf(ips);
    }
}
