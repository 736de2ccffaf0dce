package io.acicni.epwriter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code acicni.ep-writer.*}. Host-agent keys left unset here are taken from the mounted
 * {@code host-agent-config} JSON ({@link #hostAgentConfig()}), then from Cisco's defaults. Directory
 * values may hold {@code {node}}, replaced by each node's name; serving more than one node requires it.
 */
@ConfigMapping(prefix = "acicni.ep-writer")
public interface EpWriterConfig {

    /** The nodes this process serves: in a cluster the one from the Downward API ({@code NODE_NAME}). */
    @WithDefault("${NODE_NAME}")
    List<String> nodes();

    /** Path of the mounted {@code host-agent-config} JSON (from the {@code aci-containers-config} ConfigMap). */
    Optional<String> hostAgentConfig();

    /** {@code opflex-endpoint-dir}; default {@code /var/lib/opflex-agent-ovs/endpoints/}. */
    Optional<String> endpointDir();

    /** {@code opflex-service-dir}; default {@code /var/lib/opflex-agent-ovs/services/}. */
    Optional<String> serviceDir();

    /** This service's own state (sandboxes, CNI token); default {@code /var/lib/aci-dualstack/ep-writer/{node}}. */
    Optional<String> metadataDir();

    /** {@code aci-vrf}. */
    Optional<String> aciVrf();

    /** {@code aci-vrf-tenant}. */
    Optional<String> aciVrfTenant();

    /** {@code uplink-iface}; default {@code eth1}. */
    Optional<String> uplinkIface();

    /** MAC of the uplink interface; when unset it is read from {@code <sys-class-net>/<uplink-iface>/address}. */
    Optional<String> uplinkMac();

    /** Root of the interface tree the uplink MAC is read from. */
    @WithDefault("/sys/class/net")
    String sysClassNet();

    /** {@code service-vlan}; default 4003. */
    OptionalInt serviceVlan();

    /** {@code default-endpoint-group} as JSON, e.g. {@code {"policy-space":"kube","name":"kube|kube-default"}}. */
    Optional<String> defaultEndpointGroup();

    /** {@code default-security-group} as a JSON list of groups. */
    Optional<String> defaultSecurityGroup();

    /**
     * Give pods whose CNI ADD never reaches this process a stand-in sandbox (derived container id and
     * veth), so their files appear from Kafka alone: for simulated nodes and the local run, never in a cluster.
     */
    @WithDefault("false")
    boolean synthesizeSandboxes();

    /**
     * Wait after a change before a sync pass. It adds directly to the latency of Kafka-driven writes, and
     * passes are incremental (their cost follows what changed), so the default is none: changes that
     * arrive while a pass runs are merged into the next one anyway. A value only helps to merge bursts of
     * records for the same pods into fewer writes.
     */
    @WithDefault("0ms")
    Duration debounce();

    /**
     * When written files are forced to disk: {@code per-file} (file before and directory after each
     * rename), {@code per-pass} (once per sync pass) or {@code none}; the durability trade-off is in
     * {@link io.acicni.epwriter.files.FsyncPolicy} and docs/ep-writer.md (why {@code none} is the default:
     * ~8 ms per fsynced file, serialised on the sync thread, against little gained after a node reboot).
     */
    @WithDefault("none")
    io.acicni.epwriter.files.FsyncPolicy fsync();

    /** Full re-sync of every node (repairs files changed behind this service's back). */
    @WithDefault("5m")
    Duration resyncInterval();

    /** Identity in audit events and CloudEvents {@code ce_source}; default the host name. */
    Optional<String> instance();

    Cni cni();

    NodeCheck nodeCheck();

    interface Cni {
        /** How long ADD waits for the pod's addresses. */
        @WithDefault("10s")
        Duration addTimeout();
    }

    interface NodeCheck {
        @WithDefault("/proc/net/route")
        String routeFile();

        @WithDefault("/proc/net/ipv6_route")
        String ipv6RouteFile();

        @WithDefault("/proc/sys/net/ipv6/conf/all/forwarding")
        String ipv6ForwardingFile();
    }
}
