package io.acicni.netconfig.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConfigMap {@code aci-containers-config}: {@code controller-config} and {@code host-agent-config}.
 * Every service of the suite loads its addressing from here.
 *
 * <pre>{@code
 * AciContainersConfig config = AciContainersConfig.fromConfigMapData(configMap.getData());
 * List<IpRange> v6Pods = config.controller().podIpPool(IpFamily.IPV6);
 * }</pre>
 */
public record AciContainersConfig(ControllerConfig controller, HostAgentConfig hostAgent) {
    public static final String CONFIGMAP_NAME = "aci-containers-config";
    public static final String CONTROLLER_KEY = "controller-config";
    public static final String HOST_AGENT_KEY = "host-agent-config";
    /** The file names the keys are mounted as (like aci-containers' controller.conf / host-agent.conf). */
    public static final String CONTROLLER_FILE = "controller.conf";
    public static final String HOST_AGENT_FILE = "host-agent.conf";

    /** The ConfigMap {@code data}: both keys as JSON text. */
    public Map<String, String> toConfigMapData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CONTROLLER_KEY, ConfigJson.write(controller));
        data.put(HOST_AGENT_KEY, ConfigJson.write(hostAgent));
        return data;
    }

    /** Reads both keys of a ConfigMap's data; fails with {@link ConfigReadException} naming the bad key. */
    public static AciContainersConfig fromConfigMapData(Map<String, String> data) {
        return new AciContainersConfig(controllerFromJson(data.get(CONTROLLER_KEY)),
                hostAgentFromJson(data.get(HOST_AGENT_KEY)));
    }

    /** Reads the two files of a mounted ConfigMap directory ({@code controller.conf}, {@code host-agent.conf}). */
    public static AciContainersConfig fromDirectory(Path dir) {
        return new AciContainersConfig(controllerFromJson(readFile(dir.resolve(CONTROLLER_FILE))),
                hostAgentFromJson(readFile(dir.resolve(HOST_AGENT_FILE))));
    }

    public static ControllerConfig controllerFromJson(String json) {
        ControllerConfig config = ConfigJson.read(json, ControllerConfig.class, CONTROLLER_KEY);
        config.check();
        return config;
    }

    public static HostAgentConfig hostAgentFromJson(String json) {
        HostAgentConfig config = ConfigJson.read(json, HostAgentConfig.class, HOST_AGENT_KEY);
        config.check();
        return config;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
