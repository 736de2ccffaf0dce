package io.acicni.apic.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings of an {@link ApicClient}; build with {@link #builder()}. */
public final class ApicClientConfig {

    private final List<String> hosts;
    private final ApicCredentials credentials;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final double requestsPerSecond;
    private final int burst;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RequestListener listener;

    private ApicClientConfig(Builder b) {
        if (b.hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one APIC host is needed");
        }
        this.hosts = List.copyOf(b.hosts);
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.tls = b.tls;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retry = b.retry;
        this.requestsPerSecond = b.requestsPerSecond;
        this.burst = b.burst;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URLs such as {@code https://10.0.0.1} or {@code https://[fd00::1]:8443}. */
    public List<String> hosts() {
        return hosts;
    }

    public ApicCredentials credentials() {
        return credentials;
    }

    public TlsSettings tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    public int burst() {
        return burst;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Clock clock() {
        return clock;
    }

    public RequestListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "ApicClientConfig[hosts=" + hosts + ", " + credentials + ", " + tls + "]";
    }

    /** Builder; defaults: system trust store, 10 s connect / 60 s request timeout, {@link RetryPolicy#defaults()}, 10 requests/s with bursts of 30. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private ApicCredentials credentials;
        private TlsSettings tls = TlsSettings.systemDefault();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retry = RetryPolicy.defaults();
        private double requestsPerSecond = 10;
        private int burst = 30;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private RequestListener listener = RequestListener.NONE;

        /** Adds an APIC host: {@code host}, {@code host:port}, {@code [v6]:port} or a full {@code https://} URL. */
        public Builder host(String host) {
            hosts.add(normalise(host));
            return this;
        }

        public Builder hosts(List<String> list) {
            list.forEach(this::host);
            return this;
        }

        public Builder credentials(ApicCredentials c) {
            this.credentials = c;
            return this;
        }

        public Builder tls(TlsSettings t) {
            this.tls = Objects.requireNonNull(t);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder retry(RetryPolicy r) {
            this.retry = Objects.requireNonNull(r);
            return this;
        }

        /** Request rate limit (all hosts together, logins included). */
        public Builder rateLimit(double perSecond, int burstSize) {
            this.requestsPerSecond = perSecond;
            this.burst = burstSize;
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder listener(RequestListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        public ApicClientConfig build() {
            return new ApicClientConfig(this);
        }

        private static String normalise(String host) {
            String h = host.trim();
            if (h.startsWith("https://") || h.startsWith("http://")) {
                return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
            }
            return "https://" + h;
        }
    }
}
