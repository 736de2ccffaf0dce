package io.acicni.apic.client;

import java.time.Duration;

/** Observes every HTTP exchange the client makes (for metrics): status 0 = no answer. */
@FunctionalInterface
public interface RequestListener {

    RequestListener NONE = (host, method, path, status, duration) -> { };

    void onExchange(String host, String method, String path, int status, Duration duration);
}
