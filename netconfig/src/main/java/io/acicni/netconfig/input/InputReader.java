package io.acicni.netconfig.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.netconfig.validate.ValidationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an acc-provision input file (YAML) into a {@link ProvisionInput}.
 *
 * <p>Only a file that is not YAML at all is rejected here. Values of the wrong type are recorded
 * on the result and reported by the validator at the point where acc-provision would meet them,
 * so the order of messages stays acc-provision's.
 */
public final class InputReader {
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<String> shapeProblems = new ArrayList<>();
    private final Map<String, String> optionProblems = new LinkedHashMap<>();

    private InputReader() {
    }

    /**
     * @param yaml   the file content
     * @param source {@code STDIN} or the path, used in messages
     */
    public static ProvisionInput read(String yaml, String source) throws ValidationException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException | RuntimeException e) {
            throw new ValidationException("Invalid YAML in " + source + ": " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ValidationException("Invalid configuration in " + source
                    + ": expected a mapping with aci_config, net_config, kube_config, registry, logging");
        }
        return new InputReader().readRoot(root, source);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private ProvisionInput readRoot(JsonNode root, String source) {
        JsonNode aci = section(root, "aci_config");
        JsonNode net = section(root, "net_config");
        JsonNode kube = section(root, "kube_config");
        JsonNode registry = section(root, "registry");
        JsonNode logging = section(root, "logging");
        return new ProvisionInput(source, readAci(aci), readNet(net), readKube(kube),
                readRegistry(registry), readLogging(logging), shapeProblems, optionProblems);
    }

    private JsonNode section(JsonNode parent, String key) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return MissingNode.getInstance();
        }
        if (!node.isObject()) {
            optionProblems.put(key, "Must be a mapping");
            return MissingNode.getInstance();
        }
        return node;
    }

    private AciConfig readAci(JsonNode aci) {
        JsonNode login = aci.path("apic_login");
        JsonNode vrf = aci.path("vrf");
        JsonNode l3out = aci.path("l3out");
        JsonNode sync = aci.path("sync_login");
        JsonNode vmm = aci.path("vmm_domain");
        JsonNode mcast = vmm.path("mcast_range");
        return new AciConfig(
                string(aci, "aci_config", "system_id"),
                bool(aci, "aci_config", "use_legacy_kube_naming_convention", false),
                stringList(aci, "aci_config", "apic_hosts"),
                new ApicLogin(string(login, "aci_config/apic_login", "username"),
                        string(login, "aci_config/apic_login", "password")),
                string(aci, "aci_config", "aep"),
                new Vrf(string(vrf, "aci_config/vrf", "name"), string(vrf, "aci_config/vrf", "tenant")),
                new L3Out(string(l3out, "aci_config/l3out", "name"),
                        stringList(l3out, "aci_config/l3out", "external_networks")),
                new SyncLogin(string(sync, "aci_config/sync_login", "username"),
                        string(sync, "aci_config/sync_login", "certfile"),
                        string(sync, "aci_config/sync_login", "keyfile")),
                new VmmDomain(orDefault(string(vmm, "aci_config/vmm_domain", "encap_type"), "vxlan"),
                        string(mcast, "aci_config/vmm_domain/mcast_range", "start"),
                        string(mcast, "aci_config/vmm_domain/mcast_range", "end")),
                string(aci.path("tenant"), "aci_config/tenant", "name"),
                stringList(aci, "aci_config", "custom_epgs"));
    }

    private NetConfig readNet(JsonNode net) {
        return new NetConfig(
                subnets(net, SubnetField.NODE_SUBNET),
                subnets(net, SubnetField.POD_SUBNET),
                subnets(net, SubnetField.EXTERN_DYNAMIC),
                subnets(net, SubnetField.EXTERN_STATIC),
                subnets(net, SubnetField.NODE_SVC_SUBNET),
                integer(net, "net_config", "kubeapi_vlan", null),
                integer(net, "net_config", "service_vlan", null),
                integer(net, "net_config", "infra_vlan", null),
                integer(net, "net_config", "pod_subnet_chunk_size", NetConfig.DEFAULT_POD_SUBNET_CHUNK_SIZE),
                integer(net, "net_config", "service_monitor_interval", NetConfig.DEFAULT_SERVICE_MONITOR_INTERVAL),
                bool(net, "net_config", "pbr_tracking_non_snat", false),
                integer(net, "net_config", "interface_mtu", null));
    }

    private KubeConfig readKube(JsonNode kube) {
        return new KubeConfig(bool(kube, "kube_config", "allow_pods_external_access", false));
    }

    private RegistryConfig readRegistry(JsonNode registry) {
        return new RegistryConfig(
                orDefault(string(registry, "registry", "image_prefix"), RegistryConfig.DEFAULT_IMAGE_PREFIX),
                string(registry, "registry", "image_pull_secret"),
                string(registry, "registry", "image_tag"));
    }

    private LoggingConfig readLogging(JsonNode logging) {
        return new LoggingConfig(
                orDefault(string(logging, "logging", "controller_log_level"), "info"),
                orDefault(string(logging, "logging", "hostagent_log_level"), "info"),
                orDefault(string(logging, "logging", "opflexagent_log_level"), "info"));
    }

    /**
     * A subnet field: a string becomes a one-element list (acc-provision's normalisation); a list
     * must hold strings only and must not be empty.
     */
    private List<String> subnets(JsonNode net, SubnetField field) {
        JsonNode node = net.path(field.key());
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            shapeProblems.add("Invalid configuration for " + field.path() + ": " + describe(node)
                    + " is not a subnet; give a string such as 10.2.0.1/16 or a list of such strings");
            return null;
        }
        if (node.isEmpty()) {
            shapeProblems.add("Invalid configuration for " + field.path()
                    + ": the list is empty; give at least one subnet");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isTextual()) {
                shapeProblems.add("Invalid configuration for " + field.path() + ": list entry "
                        + describe(entry) + " is not a string; every entry must be a subnet string");
                return null;
            }
            values.add(entry.textValue());
        }
        return values;
    }

    private static String describe(JsonNode node) {
        String type = switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case BOOLEAN -> "the boolean";
            case NUMBER -> "the number";
            case NULL -> "an empty value";
            default -> "the value";
        };
        String text = node.isContainerNode() ? node.toString() : node.asText();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return node.isNull() ? type : type + " " + text;
    }

    private String string(JsonNode parent, String path, String key) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            optionProblems.put(path + "/" + key, "Must be a string");
            return null;
        }
        return node.asText();
    }

    private List<String> stringList(JsonNode parent, String path, String key) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            optionProblems.put(path + "/" + key, "Must be a list of strings");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isValueNode() || entry.isNull()) {
                optionProblems.put(path + "/" + key, "Must be a list of strings");
                return null;
            }
            values.add(entry.asText());
        }
        return values;
    }

    private Integer integer(JsonNode parent, String path, String key, Integer defaultValue) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual() && node.textValue().matches("\\d{1,9}")) {
            return Integer.parseInt(node.textValue());
        }
        optionProblems.put(path + "/" + key, "Must be integer");
        return defaultValue;
    }

    private boolean bool(JsonNode parent, String path, String key, boolean defaultValue) {
        JsonNode node = parent.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            switch (node.textValue().toLowerCase()) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        optionProblems.put(path + "/" + key, "Must be true or false");
        return defaultValue;
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null || value.isEmpty() ? defaultValue : value;
    }
}
