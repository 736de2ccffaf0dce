package io.acicni.epwriter.config;

import io.acicni.epwriter.files.FileNames;
import io.acicni.epwriter.files.FileSettings;
import io.acicni.epwriter.files.OpflexGroup;
import io.acicni.epwriter.sync.NodeDirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The effective settings: {@code acicni.ep-writer.*} first, then the mounted host-agent-config, then
 * Cisco's defaults; directories expanded per node.
 */
public record ResolvedSettings(List<NodeDirs> nodes, FileSettings files) {
    public static final String DEFAULT_ENDPOINT_DIR = "/var/lib/opflex-agent-ovs/endpoints/";
    public static final String DEFAULT_SERVICE_DIR = "/var/lib/opflex-agent-ovs/services/";
    public static final String DEFAULT_METADATA_DIR = "/var/lib/aci-dualstack/ep-writer/{node}";
    public static final String NODE_PLACEHOLDER = "{node}";
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public static ResolvedSettings resolve(EpWriterConfig config) {
        HostAgentConfig file = config.hostAgentConfig().map(Path::of).map(HostAgentConfigFile::read).orElse(HostAgentConfig.EMPTY);
        String epDir = config.endpointDir().orElse(or(file.opflexEndpointDir(), DEFAULT_ENDPOINT_DIR));
        String svcDir = config.serviceDir().orElse(or(file.opflexServiceDir(), DEFAULT_SERVICE_DIR));
        String metaDir = config.metadataDir().orElse(DEFAULT_METADATA_DIR);
        List<NodeDirs> nodes = nodeDirs(config.nodes(), epDir, svcDir, metaDir);

        OpflexGroup epg = config.defaultEndpointGroup().map(j -> OpflexGroup.parse(j, "acicni.ep-writer.default-endpoint-group"))
                .orElse(file.defaultEndpointGroup());
        List<OpflexGroup> sgs = config.defaultSecurityGroup().map(j -> OpflexGroup.parseList(j, "acicni.ep-writer.default-security-group"))
                .orElse(file.defaultSecurityGroup());
        String uplink = config.uplinkIface().orElse(or(file.uplinkIface(), FileSettings.DEFAULT_UPLINK_IFACE));
        String uplinkMac = config.uplinkMac().map(m -> checkMac(m, "acicni.ep-writer.uplink-mac"))
                .or(() -> readMac(Path.of(config.sysClassNet()), uplink)).orElse(null);
        int vlan = config.serviceVlan().isPresent() ? config.serviceVlan().getAsInt()
                : file.serviceVlan() != null ? file.serviceVlan() : FileSettings.DEFAULT_SERVICE_VLAN;
        FileSettings files = new FileSettings(epg, sgs, config.aciVrf().orElse(file.aciVrf()),
                config.aciVrfTenant().orElse(file.aciVrfTenant()), uplink, uplinkMac, vlan);
        return new ResolvedSettings(nodes, files);
    }

    /** Expands {@code {node}} in each directory for each node; several nodes need it in every directory. */
    public static List<NodeDirs> nodeDirs(List<String> nodes, String endpointDir, String serviceDir, String metadataDir) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("acicni.ep-writer.nodes is empty: set NODE_NAME or the list of simulated nodes");
        }
        if (new LinkedHashSet<>(nodes).size() != nodes.size()) {
            throw new IllegalArgumentException("acicni.ep-writer.nodes lists a node twice: " + nodes);
        }
        if (nodes.size() > 1) {
            for (String[] dir : new String[][]{{"endpoint-dir", endpointDir}, {"service-dir", serviceDir}, {"metadata-dir", metadataDir}}) {
                if (!dir[1].contains(NODE_PLACEHOLDER)) {
                    throw new IllegalArgumentException("acicni.ep-writer." + dir[0] + " must contain " + NODE_PLACEHOLDER
                            + " when serving several nodes " + nodes + ", got '" + dir[1] + "'");
                }
            }
        }
        List<NodeDirs> out = new ArrayList<>();
        for (String node : nodes) {
            FileNames.nodeName(node);
            out.add(new NodeDirs(node, expand(endpointDir, node), expand(serviceDir, node), expand(metadataDir, node)));
        }
        return out;
    }

    private static Path expand(String template, String node) {
        return Path.of(template.replace(NODE_PLACEHOLDER, node)).toAbsolutePath().normalize();
    }

    private static Optional<String> readMac(Path sysClassNet, String iface) {
        try {
            String mac = Files.readString(sysClassNet.resolve(iface).resolve("address")).trim().toLowerCase(Locale.ROOT);
            return MAC.matcher(mac).matches() ? Optional.of(mac) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String checkMac(String mac, String key) {
        String lower = mac.trim().toLowerCase(Locale.ROOT);
        if (!MAC.matcher(lower).matches()) {
            throw new IllegalArgumentException(key + " must be six hex octets separated by ':', got '" + mac + "'");
        }
        return lower;
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
