package io.acicni.localrun.suite;

import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.fabric.ApicConfigText;
import io.acicni.netconfig.fabric.FabricConfigFactory;
import io.acicni.netconfig.fabric.ApicRequest;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidatedInput;
import io.acicni.netconfig.validate.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The acc-provision input of a local run, validated exactly as {@code provision} validates it, and
 * what {@code provision} derives from it: the {@code aci-containers-config} data (controller and
 * host-agent config) and the APIC fabric objects.
 *
 * @param source    file name, or the default resource
 * @param validated the validated input
 * @param config    the {@code aci-containers-config} ConfigMap data
 * @param fabric    the APIC requests {@code provision -a} would post
 */
public record SuiteInputs(String source, ValidatedInput validated, AciContainersConfig config, List<ApicRequest> fabric) {

    public static final String DEFAULT_INPUT = "/io/acicni/localrun/default-input.yaml";
    public static final String DEFAULT_FLAVOR = "kubernetes-1.35";

    /** Reads and validates {@code input} (null: the default input); fails with acc-provision's ERR lines. */
    public static SuiteInputs load(Path input, String flavorName) {
        String source = input == null ? "default input (seed example net_config)" : input.toString();
        String yaml = input == null ? defaultInput() : read(input);
        Flavor flavor = Flavors.find(flavorName)
                .orElseThrow(() -> new IllegalArgumentException("Invalid configuration flavor: " + flavorName));
        try {
            ValidatedInput validated = InputValidator.validate(InputReader.read(yaml, source), flavor);
            return new SuiteInputs(source, validated, AciContainersConfigFactory.create(validated),
                    FabricConfigFactory.create(validated));
        } catch (ValidationException e) {
            throw new IllegalArgumentException("the input " + source + " is not valid:\n  "
                    + String.join("\n  ", e.errLines()), e);
        }
    }

    /** Writes controller.conf, host-agent.conf and apic-fabric.txt, as the ConfigMaps would mount them. */
    public void writeTo(SuiteLayout layout) {
        Map<String, String> data = config.toConfigMapData();
        try {
            Files.createDirectories(layout.config());
            Files.writeString(layout.controllerConfig(), data.get(AciContainersConfig.CONTROLLER_KEY));
            Files.writeString(layout.hostAgentConfig(), data.get(AciContainersConfig.HOST_AGENT_KEY));
            Files.writeString(layout.fabricObjects(), ApicConfigText.format(fabric));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration under " + layout.config() + ": " + e.getMessage(), e);
        }
    }

    public String systemId() {
        return validated.input().aciConfig().systemId();
    }

    public String tenant() {
        return validated.input().aciConfig().tenant();
    }

    public String vrfTenant() {
        return validated.input().aciConfig().vrf().tenant();
    }

    public String l3out() {
        return validated.input().aciConfig().l3out().name();
    }

    private static String defaultInput() {
        try (InputStream in = SuiteInputs.class.getResourceAsStream(DEFAULT_INPUT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_INPUT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path input) {
        try {
            return Files.readString(input);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the input " + input + ": " + e.getMessage(), e);
        }
    }
}
