package io.acicni.epwriter.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acicni.epwriter.files.OpflexGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mounted {@code host-agent-config} JSON. Unknown keys are ignored (the file has many keys for
 * Cisco's host agent); a known key with the wrong type is an error naming the key and the value.
 */
public final class HostAgentConfigFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HostAgentConfigFile() {
    }

    public static HostAgentConfig read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read host-agent-config " + file + ": " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static HostAgentConfig parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("host-agent-config " + source + " must be a JSON object");
        }
        OpflexGroup epg = null;
        JsonNode epgNode = root.get("default-endpoint-group");
        if (epgNode != null && !epgNode.isNull()) {
            epg = OpflexGroup.fromNode(epgNode, "default-endpoint-group");
        }
        List<OpflexGroup> sgs = null;
        JsonNode sgNode = root.get("default-security-group");
        if (sgNode != null && !sgNode.isNull()) {
            if (!sgNode.isArray()) {
                throw new IllegalArgumentException("host-agent-config key 'default-security-group' must be a list of groups, got " + sgNode);
            }
            sgs = new ArrayList<>();
            for (int i = 0; i < sgNode.size(); i++) {
                sgs.add(OpflexGroup.fromNode(sgNode.get(i), "default-security-group[" + i + "]"));
            }
        }
        Integer vlan = null;
        JsonNode vlanNode = root.get("service-vlan");
        if (vlanNode != null && !vlanNode.isNull()) {
            if (!vlanNode.canConvertToExactIntegral() || vlanNode.asInt() < 0 || vlanNode.asInt() > 4095) {
                throw new IllegalArgumentException("host-agent-config key 'service-vlan' must be an integer 0..4095, got " + vlanNode);
            }
            vlan = vlanNode.asInt();
        }
        return new HostAgentConfig(text(root, "node-name"), text(root, "opflex-endpoint-dir"), text(root, "opflex-service-dir"),
                text(root, "aci-vrf"), text(root, "aci-vrf-tenant"), text(root, "uplink-iface"), vlan, epg, sgs);
    }

    private static String text(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("host-agent-config key '" + key + "' must be a string, got " + value);
        }
        return value.textValue().isEmpty() ? null : value.textValue();
    }
}
