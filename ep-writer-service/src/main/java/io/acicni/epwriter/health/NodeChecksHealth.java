package io.acicni.epwriter.health;

import io.acicni.epwriter.EpWriterRuntime;
import io.acicni.epwriter.nodecheck.NodeCheckReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The node checks on {@code /q/health}, non-fatal: always UP (a node without an IPv6 default route
 * still needs its IPv4 endpoint files), with {@code ok=false} and each problem in the data.
 */
@Readiness
@ApplicationScoped
public class NodeChecksHealth implements HealthCheck {

    @Inject
    EpWriterRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        NodeCheckReport report = runtime.nodeChecks();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("ep-writer node checks").up().withData("ok", report.ok());
        int i = 0;
        for (String problem : report.problems()) {
            builder.withData("problem." + (++i), problem);
        }
        report.counts().forEach(builder::withData);
        return builder.build();
    }
}
