package io.acicni.deploy.node;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.IPAddress;
import io.acicni.deploy.provision.ProvisionException;
import io.acicni.netconfig.ip.IpFamily;
import io.acicni.netconfig.ip.IpText;
import io.acicni.netconfig.ip.MalformedAddressException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code --nodes NODES.yaml}: a list (or {@code nodes:} holding a list) of
 * {@code {name, ipv4, ipv6, interface}}.
 */
public final class NodeListReader {
    private NodeListReader() {
    }

    public static List<NodeSpec> read(String yaml, String source) throws ProvisionException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JacksonException | RuntimeException e) {
            throw new ProvisionException("Invalid YAML in " + source + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root != null && root.isObject() ? root.path("nodes") : root;
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ProvisionException("Invalid nodes file " + source
                    + ": expected a list of nodes with name, ipv4, ipv6, interface");
        }
        List<String> errors = new ArrayList<>();
        List<NodeSpec> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode entry : list) {
            index++;
            String where = source + " node " + index;
            if (!entry.isObject()) {
                errors.add("Invalid nodes file " + where + ": expected name, ipv4, ipv6, interface");
                continue;
            }
            String name = text(entry, "name");
            if (name == null || name.isEmpty()) {
                errors.add("Invalid nodes file " + where + ": name is missing");
                continue;
            }
            if (!names.add(name)) {
                errors.add("Invalid nodes file " + where + ": node " + name + " is listed twice");
            }
            IPAddress v4 = address(entry, "ipv4", IpFamily.IPV4, name, errors);
            IPAddress v6 = address(entry, "ipv6", IpFamily.IPV6, name, errors);
            if (v4 == null && v6 == null && errors.isEmpty()) {
                errors.add("Invalid nodes file: node " + name + " has neither ipv4 nor ipv6");
            }
            nodes.add(new NodeSpec(name, v4, v6, text(entry, "interface")));
        }
        if (!errors.isEmpty()) {
            throw new ProvisionException(errors);
        }
        return nodes;
    }

    private static String text(JsonNode entry, String key) {
        JsonNode value = entry.path(key);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static IPAddress address(JsonNode entry, String key, IpFamily family, String node, List<String> errors) {
        String text = text(entry, key);
        if (text == null) {
            return null;
        }
        try {
            IPAddress address = IpText.parseAddress(text);
            if (IpFamily.of(address) != family) {
                errors.add("Invalid nodes file: node " + node + " " + key + " " + text + " is not an "
                        + family.label() + " address");
                return null;
            }
            return address;
        } catch (MalformedAddressException e) {
            errors.add("Invalid nodes file: node " + node + " " + key + " " + text + " is malformed. " + e.getMessage());
            return null;
        }
    }
}
