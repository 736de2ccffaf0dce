package io.acicni.epwriter.health;

import io.acicni.epwriter.EpWriterRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the state read from Kafka can no longer be trusted (a long loss of contact, records removed
 * unread: {@code messaging.ResumeCheck}): the kubelet restarts the container, which rebuilds the state
 * from the beginning of the topics and, in its first pass, removes every file no record asks for. The
 * files on disk stay meanwhile, so running pods keep their network.
 */
@Liveness
@ApplicationScoped
public class FeedLiveness implements HealthCheck {

    @Inject
    EpWriterRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var lost = runtime.stateLost();
        var builder = HealthCheckResponse.named("ep-writer addressing state").status(lost.isEmpty());
        lost.ifPresent(why -> builder.withData("reason", why));
        return builder.build();
    }
}
