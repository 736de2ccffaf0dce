package io.acicni.apicsync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** apic-sync-service settings ({@code acicni.apic-sync.*}). Secrets come from the environment (a Secret). */
@ConfigMapping(prefix = "acicni.apic-sync")
public interface ApicSyncConfig {
    /** The fabric objects written by {@code aci-dualstack provision --apic-json} (mounted from the ConfigMap). */
    @WithDefault("/etc/aci-containers/apic-fabric.txt")
    String fabricObjects();

    /** APIC controllers, tried in order ({@code https://apic1}, …). */
    List<String> hosts();

    String username();

    /** Password login (env {@code ACICNI_APIC_SYNC_PASSWORD}); never logged. */
    Optional<String> password();

    /** Certificate-signature login: the user's private key (PEM), preferred over a password. */
    Optional<String> privateKey();

    /** CA bundle (PEM) that signs the APIC's certificate; the system trust store when absent. */
    Optional<String> caBundle();

    /** Turns TLS verification off; logged as a warning at every start. */
    @WithDefault("false")
    boolean insecureSkipTlsVerify();

    /** The system id: object names and the ownership tag prefix. */
    @WithDefault("kube")
    String systemId();

    /** The cluster tenant (service graph objects). */
    @WithDefault("kube")
    String tenant();

    /** The tenant of the L3Out (the VRF's tenant). */
    @WithDefault("common")
    String l3outTenant();

    @WithDefault("l3out")
    String l3out();

    @WithDefault("10m")
    Duration resyncInterval();

    /** How long to collect events before a pass, so one entity's changes go in one pass. */
    @WithDefault("300ms")
    Duration debounce();

    @WithDefault("30s")
    Duration maxBackoff();

    @WithDefault("true")
    boolean leaderElection();

    Optional<String> leaseNamespace();

    @WithDefault("acicni-apic-sync-leader")
    String leaseName();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();

    /** Retries of one APIC request on 5xx and connection errors (exponential backoff between retry-base and retry-max). */
    @WithDefault("5")
    int retries();

    @WithDefault("1s")
    Duration retryBase();

    @WithDefault("30s")
    Duration retryMax();

    /** APIC requests per second at most. */
    @WithDefault("20")
    double rateLimit();
}
