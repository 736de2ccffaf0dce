package io.acicni.apic.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link ApicTransport} on {@code java.net.http.HttpClient} (HTTP/1.1, no redirects). Paths and
 * queries are encoded with the multi-argument {@link URI} constructor, which quotes only what a URI
 * may not contain ({@code [ ] " | space}); the APIC decodes them again.
 */
public final class JdkHttpTransport implements ApicTransport {

    private final TlsSettings tls;
    private final Duration connectTimeout;
    /** Built on the first call: see {@link #client()}. */
    private volatile HttpClient client;

    public JdkHttpTransport(TlsSettings tls, Duration connectTimeout) {
        this.tls = java.util.Objects.requireNonNull(tls, "tls");
        this.connectTimeout = java.util.Objects.requireNonNull(connectTimeout, "connectTimeout");
        tls.warnIfInsecure();
    }

    /**
     * The HTTP client, built on the first call rather than in the constructor: the SSL context and the
     * client cost 0.2-0.3 s of CPU on a cold JVM, which apic-sync used to spend on Quarkus' start-up
     * thread although only the leader talks to the APIC, after it is ready. A CA bundle that holds no
     * certificate now fails the first call (the reconcile pass reports it and readiness goes DOWN with
     * the reason) instead of the start; a failed build is not kept, the next call tries again.
     */
    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout)
                            .sslContext(tls.sslContext())
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public HttpResult send(HttpCall call) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(toUri(call)).timeout(call.timeout());
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        switch (call.method()) {
            case "GET":
                b.GET();
                break;
            case "DELETE":
                b.DELETE();
                break;
            default:
                b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        }
        try {
            HttpResponse<byte[]> r = client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResult(r.statusCode(), r.headers().map(), r.body() == null ? new byte[0] : r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the APIC");
        }
    }

    static URI toUri(HttpCall call) {
        URI base = URI.create(call.baseUrl());
        String pq = call.pathAndQuery();
        int q = pq.indexOf('?');
        String path = q < 0 ? pq : pq.substring(0, q);
        String query = q < 0 ? null : pq.substring(q + 1);
        try {
            return new URI(base.getScheme(), base.getRawAuthority(), path, query, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a URI for " + call + ": " + e.getMessage(), e);
        }
    }
}
