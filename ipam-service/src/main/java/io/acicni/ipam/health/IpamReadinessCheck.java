package io.acicni.ipam.health;

import io.acicni.ipam.IpamRuntime;
import io.acicni.ipam.engine.AllocationLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: a standby is ready (it serves its role: waiting); the leader is not ready until it has
 * restored its state from the compacted topics and the cluster — until then every allocation
 * answers "not ready".
 */
@Readiness
@ApplicationScoped
public class IpamReadinessCheck implements HealthCheck {
    @Inject
    IpamRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        AllocationLoop loop = runtime.loop();
        AllocationLoop.State state = loop == null ? AllocationLoop.State.STOPPED : loop.state();
        boolean up = state == AllocationLoop.State.READY || state == AllocationLoop.State.STANDBY;
        var builder = HealthCheckResponse.named("ipam-allocator").status(up).withData("state", state.name());
        if (loop != null && loop.notReadyReason() != null) {
            builder.withData("reason", loop.notReadyReason());
        }
        if (runtime.leader() != null) {
            builder.withData("leader", runtime.leader());
        }
        return builder.build();
    }
}
