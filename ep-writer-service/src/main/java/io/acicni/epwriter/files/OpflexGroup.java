package io.acicni.epwriter.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An opflex policy group as Cisco's {@code metadata.OpflexGroup}: JSON keys {@code tenant},
 * {@code policy-space}, {@code app-profile}, {@code name}, each omitted when empty. Used for the
 * endpoint group, security groups and QoS policy of an endpoint.
 */
public record OpflexGroup(String tenant, String policySpace, String appProfile, String name) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("tenant", "policy-space", "app-profile", "name");

    public static final OpflexGroup NONE = new OpflexGroup(null, null, null, null);

    public OpflexGroup {
        tenant = blankToNull(tenant);
        policySpace = blankToNull(policySpace);
        appProfile = blankToNull(appProfile);
        name = blankToNull(name);
    }

    public boolean isEmpty() {
        return tenant == null && policySpace == null && appProfile == null && name == null;
    }

    /** {@code eg-policy-space} of an endpoint: the tenant if set, else the policy space. */
    public String egPolicySpace() {
        return tenant != null ? tenant : policySpace;
    }

    /** {@code endpoint-group-name}: {@code <app-profile>|<name>} when an app profile is set, else the name. */
    public String endpointGroupName() {
        if (name == null) {
            return appProfile;
        }
        return appProfile != null ? appProfile + "|" + name : name;
    }

    /** The Cisco JSON object, keys in Go field order, empty ones left out. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        putIfSet(node, "tenant", tenant);
        putIfSet(node, "policy-space", policySpace);
        putIfSet(node, "app-profile", appProfile);
        putIfSet(node, "name", name);
        return node;
    }

    /** Parses one group object; {@code field} names the source in the error. */
    public static OpflexGroup parse(String json, String field) {
        return fromNode(readTree(json, field), field);
    }

    /** Parses a list of group objects (a single object is accepted as a list of one). */
    public static List<OpflexGroup> parseList(String json, String field) {
        JsonNode tree = readTree(json, field);
        List<OpflexGroup> groups = new ArrayList<>();
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                groups.add(fromNode(tree.get(i), field + "[" + i + "]"));
            }
        } else {
            groups.add(fromNode(tree, field));
        }
        return groups;
    }

    public static OpflexGroup fromNode(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must be a JSON object with tenant/policy-space/app-profile/name, got " + node);
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("field '" + field + "' has unknown key '" + key + "' (allowed: tenant, policy-space, app-profile, name)");
            }
        });
        for (String key : KEYS) {
            JsonNode value = node.get(key);
            if (value != null && !value.isTextual() && !value.isNull()) {
                throw new IllegalArgumentException("field '" + field + "." + key + "' must be a string, got " + value);
            }
        }
        return new OpflexGroup(text(node, "tenant"), text(node, "policy-space"), text(node, "app-profile"), text(node, "name"));
    }

    private static JsonNode readTree(String json, String field) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null) {
                throw new IllegalArgumentException("field '" + field + "' is empty");
            }
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("field '" + field + "' is not valid JSON: '" + json + "'");
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
