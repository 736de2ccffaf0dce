package io.acicni.epwriter.health;

import io.acicni.epwriter.EpWriterRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the state topics have been read to their end and files are being written. */
@Readiness
@ApplicationScoped
public class SyncReadiness implements HealthCheck {

    @Inject
    EpWriterRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ep-writer caught up with the state topics").status(runtime.writing())
                .withData("lag", runtime.lag().toString()).build();
    }
}
