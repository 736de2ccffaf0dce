package io.acicni.apicsync.reconcile;

import inet.ipaddr.IPAddress;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.model.ServiceAddressing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fabric the cluster needs: the static subnets and ND policy plus, from the addressing topics,
 * an external EPG with a {@code /32} or {@code /128} {@code l3extSubnet} per LoadBalancer ingress
 * IP, and a {@code vnsRedirectDest} per family of every node's service endpoint. Every object we
 * write carries our annotation and tag; the containers they sit in (bridge domains, L3Out, service
 * container) are named but not claimed. Plain Java; deterministic order.
 */
public final class DesiredFabric {
    /** Classes read back from the APIC to compare with (tags are added by the client). */
    public static final List<String> CLASSES = List.of("fvSubnet", "fvRsNdPfxPol", "ndPfxPol", "l3extInstP",
            "l3extSubnet", "vnsSvcRedirectPol", "vnsRedirectDest");

    private final StaticFabric fabric;
    private final FabricNames names;
    private final Ownership ownership;

    public DesiredFabric(StaticFabric fabric, FabricNames names, Ownership ownership) {
        this.fabric = fabric;
        this.names = names;
        this.ownership = ownership;
    }

    /** Top-level desired objects, each with its dn. */
    public List<ApicObject> build(Map<String, NodeAddressing> nodes, Map<String, ServiceAddressing> services) {
        List<ApicObject> roots = new ArrayList<>();
        for (StaticFabric.BridgeDomain bd : fabric.bridgeDomains()) {
            ApicObject root = ApicObject.of("fvBD").attr("dn", bd.dn()).attr("name", bd.name());
            for (ApicObject subnet : bd.subnets()) {
                root.child(ownership.mark(subnet, "static"));
            }
            roots.add(root);
        }
        for (ApicObject nd : fabric.ndPolicies()) {
            roots.add(ownership.mark(nd, "static"));
        }
        roots.add(externalNetworks(services));
        roots.add(redirectDestinations(nodes));
        return roots;
    }

    /** The DNs of the desired roots: what to read back. */
    public List<String> rootDns(List<ApicObject> roots) {
        return roots.stream().map(r -> r.dn().orElseThrow()).toList();
    }

    private ApicObject externalNetworks(Map<String, ServiceAddressing> services) {
        ApicObject l3out = ApicObject.of("l3extOut").attr("dn", names.l3outDn()).attr("name", names.l3out());
        for (ServiceAddressing svc : new TreeMap<>(services).values()) {
            if (!"LoadBalancer".equals(svc.type()) || svc.loadBalancerIPs().isEmpty()) {
                continue;
            }
            ApicObject epg = ApicObject.of("l3extInstP").attr("name", names.externalEpg(svc.namespace(), svc.name()));
            for (IPAddress ip : svc.loadBalancerIPs()) {
                epg.child(ApicObject.of("l3extSubnet").attr("ip", ip.toCanonicalString() + (ip.isIPv4() ? "/32" : "/128")));
            }
            l3out.child(ownership.mark(epg, "service/" + svc.namespace() + "/" + svc.name()));
        }
        return l3out;
    }

    private ApicObject redirectDestinations(Map<String, NodeAddressing> nodes) {
        ApicObject container = ApicObject.of("vnsSvcCont").attr("dn", names.serviceContainerDn());
        ApicObject policy = ApicObject.of("vnsSvcRedirectPol").attr("name", names.redirectPolicy());
        List<NodeAddressing> sorted = new ArrayList<>(nodes.values());
        sorted.sort(Comparator.comparing(NodeAddressing::node));
        for (NodeAddressing node : sorted) {
            NodeServiceEndpoint ep = node.serviceEndpoint();
            if (ep == null) {
                continue;
            }
            for (IPAddress ip : new IPAddress[] {ep.ipv4(), ep.ipv6()}) {
                if (ip != null) {
                    policy.child(ApicObject.of("vnsRedirectDest").attr("ip", ip.toCanonicalString()).attr("mac", ep.mac().toUpperCase())
                            .attr("descr", node.node()));
                }
            }
        }
        container.child(ownership.mark(policy, "redirect"));
        return container;
    }
}
