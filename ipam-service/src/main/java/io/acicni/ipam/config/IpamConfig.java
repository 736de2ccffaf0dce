package io.acicni.ipam.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** ipam-service settings ({@code acicni.ipam.*}). */
@ConfigMapping(prefix = "acicni.ipam")
public interface IpamConfig {

    /**
     * The {@code controller-config} JSON of the {@code aci-containers-config} ConfigMap, as a file
     * (the ConfigMap mounted at /etc/aci-containers/controller.conf in the cluster).
     */
    @WithDefault("/etc/aci-containers/controller.conf")
    String controllerConfig();

    /** Whether this instance competes for the lease; false runs the loop as leader at once (tests, single replica). */
    @WithDefault("true")
    boolean leaderElection();

    /** Namespace of the Lease; default: the namespace the client is configured for. */
    Optional<String> leaseNamespace();

    @WithDefault("acicni-ipam-leader")
    String leaseName();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();

    /** How long a released address rests before it can be handed out again. */
    @WithDefault("30s")
    Duration quarantine();

    /** How long an address stays held for a pod that no longer exists before the repair loop releases it. */
    @WithDefault("2m")
    Duration repairGrace();

    /** How often quarantine expiry, chunk reclamation, retries and repair run. */
    @WithDefault("5s")
    Duration maintainInterval();

    /** How long restore may take to read the compacted topics to their end. */
    @WithDefault("60s")
    Duration restoreTimeout();

    /**
     * The {@code transactional.id} of the state producer; the same for every replica, so that a new
     * leader's producer fences the previous leader's.
     */
    @WithDefault("acicni-ipam")
    String transactionalId();

    /** The most changes one Kafka transaction carries. */
    @WithDefault("500")
    int maxBatch();
}
