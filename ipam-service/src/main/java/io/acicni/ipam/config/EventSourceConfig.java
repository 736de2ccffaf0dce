package io.acicni.ipam.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who this instance is, as written in the CloudEvents {@code ce_source} and audit {@code actor}. */
@ConfigMapping(prefix = "acicni.instance")
public interface EventSourceConfig {
    /** The service name. */
    @WithDefault("ipam-service")
    String service();

    /** The instance, normally the pod name from the Downward API. */
    @WithDefault("${HOSTNAME:local}")
    String name();

    default String cloudEventSource() {
        return "/acicni/" + service() + "/" + name();
    }
}
