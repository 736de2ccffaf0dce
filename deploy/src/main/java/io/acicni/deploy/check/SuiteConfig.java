package io.acicni.deploy.check;

import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.config.ConfigReadException;
import io.acicni.netconfig.config.ControllerConfig;
import io.acicni.netconfig.config.HostAgentConfig;
import io.acicni.netconfig.ip.IpFamily;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConfigMap {@code aci-containers-config} as found in the cluster: where, its raw keys, and each key
 * read with netconfig's model (or the reason it could not be read). Looked for in the suite's
 * namespace first, then in any namespace.
 */
public record SuiteConfig(String namespace, Map<String, String> data, ControllerConfig controller, String controllerError,
                          HostAgentConfig hostAgent, String hostAgentError) {

    public static Optional<SuiteConfig> find(KubernetesClient client, String namespace) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(AciContainersConfig.CONFIGMAP_NAME).get();
        if (cm == null) {
            cm = client.configMaps().inAnyNamespace().list().getItems().stream()
                    .filter(c -> AciContainersConfig.CONFIGMAP_NAME.equals(c.getMetadata().getName()))
                    .min(Comparator.comparing(c -> c.getMetadata().getNamespace()))
                    .orElse(null);
        }
        return Optional.ofNullable(cm).map(SuiteConfig::of);
    }

    public static SuiteConfig of(ConfigMap cm) {
        Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
        ControllerConfig controller = null;
        String controllerError = null;
        HostAgentConfig hostAgent = null;
        String hostAgentError = null;
        String c = data.get(AciContainersConfig.CONTROLLER_KEY);
        if (c == null) {
            controllerError = "key " + AciContainersConfig.CONTROLLER_KEY + " is missing";
        } else {
            try {
                controller = AciContainersConfig.controllerFromJson(c);
            } catch (ConfigReadException | IllegalArgumentException e) {
                controllerError = e.getMessage();
            }
        }
        String h = data.get(AciContainersConfig.HOST_AGENT_KEY);
        if (h == null) {
            hostAgentError = "key " + AciContainersConfig.HOST_AGENT_KEY + " is missing";
        } else {
            try {
                hostAgent = AciContainersConfig.hostAgentFromJson(h);
            } catch (ConfigReadException | IllegalArgumentException e) {
                hostAgentError = e.getMessage();
            }
        }
        return new SuiteConfig(cm.getMetadata().getNamespace(), data, controller, controllerError, hostAgent, hostAgentError);
    }

    /** {@code <namespace>/aci-containers-config}. */
    public String location() {
        return namespace + "/" + AciContainersConfig.CONFIGMAP_NAME;
    }

    /** The cluster's primary family: that of the first pod subnet; IPv4 when unknown. */
    public static IpFamily primaryFamily(Optional<SuiteConfig> config) {
        return config.map(SuiteConfig::controller)
                .map(ControllerConfig::podFamilies)
                .filter(f -> !f.isEmpty())
                .map(f -> f.get(0))
                .orElse(IpFamily.IPV4);
    }

    /** Both families, the primary first. */
    public static List<IpFamily> familiesInOrder(Optional<SuiteConfig> config) {
        IpFamily primary = primaryFamily(config);
        return primary == IpFamily.IPV4 ? List.of(IpFamily.IPV4, IpFamily.IPV6) : List.of(IpFamily.IPV6, IpFamily.IPV4);
    }
}
