package io.acicni.apicsync.health;

import io.acicni.apicsync.ApicSyncRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the leader: DOWN while its last reconcile pass failed (APIC unreachable, refused,
 * garbage), with the reason. A standby is ready.
 */
@Readiness
@ApplicationScoped
public class ApicReadinessCheck implements HealthCheck {
    @Inject
    ApicSyncRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        if (!runtime.isLeader()) {
            return HealthCheckResponse.named("apic-sync").up().withData("role", "standby").build();
        }
        String error = runtime.lastError();
        boolean failing = error != null && error.startsWith("APIC");
        var b = HealthCheckResponse.named("apic-sync").status(!failing).withData("role", "leader")
                .withData("caughtUp", runtime.caughtUp());
        if (error != null) {
            b.withData("reason", error);
        }
        return b.build();
    }
}
