package io.acicni.apic.client;

import java.io.IOException;

/**
 * Sends one HTTP request to one APIC host. Authentication, retries, failover and rate limiting
 * live in {@link ApicClient}, so a transport only moves bytes. {@link JdkHttpTransport} is the
 * default; a Quarkus service may plug in its own (e.g. on Vert.x).
 */
public interface ApicTransport {

    /**
     * Sends the call and returns the answer, whatever its status.
     *
     * @throws IOException when no answer arrived (connection refused/reset, timeout, TLS failure)
     */
    HttpResult send(HttpCall call) throws IOException;
}
