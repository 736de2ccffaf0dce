package io.acicni.epwriter.health;

import io.acicni.epwriter.EpWriterRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state topics have been read to their end and files are being written, and not while
 * a node-partitioned topic has a partition count the feed's assignment does not match (files keep
 * being written; the operator must follow the repartitioning procedure, docs/events.md).
 */
@Readiness
@ApplicationScoped
public class SyncReadiness implements HealthCheck {

    @Inject
    EpWriterRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var problem = runtime.partitionProblem();
        var builder = HealthCheckResponse.named("ep-writer caught up with the state topics")
                .status(runtime.writing() && problem.isEmpty()).withData("lag", runtime.lag().toString());
        problem.ifPresent(p -> builder.withData("partitions", p));
        return builder.build();
    }
}
