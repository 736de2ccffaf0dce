package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicObject;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTPS server (Vert.x, so request lines with raw {@code [ ] " |} are accepted as APIC clients send
 * them) that behaves like a Cisco APIC for what this suite sends (reference apic-rest.md
 * §7): password login with {@code APIC-cookie}, signature verification against {@code aaaUserCert}
 * objects, reads with query options and filters, POST merge with {@code status}, DELETE, APIC error
 * envelopes. A self-signed certificate (valid for localhost/127.0.0.1) is generated at start;
 * {@link #certificatePem()} is the CA bundle for clients.
 *
 * <pre>{@code
 * try (ApicEmulator apic = ApicEmulator.builder().user("admin", "secret").build().start()) {
 *     apic.url();                       // https://127.0.0.1:<port>
 *     apic.faults().failNext(2, 503);    // fault injection
 *     apic.object("uni/tn-kube");        // inspection
 * }
 * }</pre>
 */
public final class ApicEmulator implements AutoCloseable {

    /** The firmware version the emulator reports. */
    public static final String VERSION = "5.2(7f)";

    private static final Logger LOG = Logger.getLogger(ApicEmulator.class.getName());

    /** Key generation is slow: one server certificate per bind address per JVM. */
    private static final Map<String, KeyAndCertificate> SERVER_CERTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final EmulatorState state;
    private final String bindAddress;
    private final KeyAndCertificate serverCert;
    private final FaultInjector faults = new FaultInjector(this);
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Object listenerLock = new Object();
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2)
            .setInternalBlockingPoolSize(2));
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "apic-emulator");
        t.setDaemon(true);
        return t;
    });
    private final RequestHandler handler;
    private volatile int port;
    private HttpServer server;

    private ApicEmulator(Builder b) {
        this.state = b.shareWith != null ? b.shareWith.state : new EmulatorState(b.clock, b.idleTimeout);
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.serverCert = SERVER_CERTS.computeIfAbsent(b.bindAddress, TestCertificates::server);
        this.handler = new RequestHandler(state, faults);
        b.users.forEach(state.authenticator()::addUser);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Opens the HTTPS listener; returns this. */
    public ApicEmulator start() {
        startListener();
        LOG.info(() -> "APIC emulator listening on " + url());
        return this;
    }

    /** Closes the listener and releases its threads. */
    public void stop() {
        stopListener();
        worker.shutdownNow();
        vertx.close();
    }

    @Override
    public void close() {
        stop();
    }

    void startListener() {
        synchronized (listenerLock) {
            if (server != null) {
                return;
            }
            HttpServerOptions options = new HttpServerOptions().setHost(bindAddress).setPort(port).setSsl(true)
                    .setReuseAddress(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setKeyValue(Buffer.buffer(serverCert.privateKeyPem()))
                            .setCertValue(Buffer.buffer(serverCert.certificatePem())));
            try {
                HttpServer s = vertx.createHttpServer(options).requestHandler(this::handle)
                        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                port = s.actualPort();
                server = s;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("APIC emulator cannot listen on " + bindAddress + ":" + port,
                        e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the APIC emulator", e);
            }
        }
    }

    void stopListener() {
        synchronized (listenerLock) {
            if (server == null) {
                return;
            }
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(Level.WARNING, "APIC emulator listener did not close cleanly", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** True while the listener is open. */
    public boolean isUp() {
        synchronized (listenerLock) {
            return server != null;
        }
    }

    /** {@code https://<bind address>:<port>}. */
    public String url() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return "https://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The server certificate (PEM): the CA bundle a client needs to verify this emulator. */
    public String certificatePem() {
        return serverCert.certificatePem();
    }

    public FaultInjector faults() {
        return faults;
    }

    EmulatorState state() {
        return state;
    }

    // ---------------------------------------------------------------- users

    /** Adds a password user. */
    public ApicEmulator addUser(String user, String password) {
        state.authenticator().addUser(user, password);
        return this;
    }

    /**
     * Creates {@code uni/userext/user-<user>/usercert-<certName>} holding {@code certificatePem}, as
     * an administrator (or acc-provision) does for a signature user.
     */
    public ApicEmulator addCertificateUser(String user, String certName, String certificatePem) {
        put(ApicObject.of("aaaUser").attr("dn", "uni/userext/user-" + user).attr("name", user)
                .attr("accountStatus", "active")
                .child(ApicObject.of("aaaUserCert").attr("name", certName).attr("data", certificatePem)));
        return this;
    }

    /** Sets how long a login token survives without requests. */
    public ApicEmulator idleTimeout(Duration timeout) {
        state.authenticator().idleTimeout(timeout);
        return this;
    }

    // ---------------------------------------------------------------- objects

    /** Stores an object tree (with {@code dn} on top) as a POST would, without authentication. */
    public ApicEmulator put(ApicObject objectWithDn) {
        String dn = objectWithDn.dn().orElseThrow(() -> new IllegalArgumentException("object needs a dn"));
        synchronized (state) {
            try {
                state.writer().post(dn, ApicJson.write(objectWithDn).getBytes(StandardCharsets.UTF_8));
            } catch (ApicRequestError e) {
                throw new IllegalArgumentException("emulator refused " + objectWithDn + ": " + e.error.text());
            }
        }
        return this;
    }

    /** The object at {@code dn} with its whole subtree (children carry {@code rn}). */
    public Optional<ApicObject> object(String dn) {
        synchronized (state) {
            ManagedObject mo = state.tree().get(dn);
            return mo == null ? Optional.empty() : Optional.of(state.render(mo));
        }
    }

    /** True when an object exists at {@code dn}. */
    public boolean exists(String dn) {
        synchronized (state) {
            return state.tree().exists(dn);
        }
    }

    /** Every object of a class, without children, {@code dn} on each. */
    public List<ApicObject> objectsOfClass(String className) {
        synchronized (state) {
            List<ApicObject> out = new ArrayList<>();
            for (ManagedObject mo : state.tree().byClass(className)) {
                out.add(state.tree().render(mo, true, 0, java.util.Set.of(), "all"));
            }
            return out;
        }
    }

    /** Every object the emulator holds, without children, {@code dn} on each, ordered by dn. */
    public List<ApicObject> allObjects() {
        synchronized (state) {
            List<ApicObject> out = new ArrayList<>();
            for (ManagedObject mo : state.tree().all()) {
                out.add(state.tree().render(mo, true, 0, java.util.Set.of(), "all"));
            }
            out.sort(java.util.Comparator.comparing(o -> o.dn().orElse("")));
            return out;
        }
    }

    /** Deletes a subtree directly (as a fabric administrator might). */
    public void remove(String dn) {
        synchronized (state) {
            state.writer().delete(dn);
        }
    }

    // ---------------------------------------------------------------- counters

    /** Requests on the object API ({@code /api/mo}, {@code /api/class}) with this method. */
    public int requestCount(String method) {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.method().equals(method) && r.isObjectApi()).count();
        }
    }

    /** POSTs and DELETEs on {@code /api/mo}. */
    public int writeCount() {
        synchronized (requests) {
            return (int) requests.stream().filter(RecordedRequest::isWrite).count();
        }
    }

    /** Calls of {@code aaaLogin}. */
    public int loginCount() {
        synchronized (requests) {
            return (int) requests.stream().filter(r -> r.path().endsWith("/aaaLogin.json")).count();
        }
    }

    /** Every request received, oldest first (bodies of logins are not kept). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the recorded requests. */
    public void resetCounters() {
        requests.clear();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpServerRequest request) {
        String method = request.method().name();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? null : uri.substring(q + 1);
        String cookie = String.join("; ", request.headers().getAll("Cookie"));
        request.body().onSuccess(buffer -> worker.execute(() -> {
            EmulatorRequest req = EmulatorRequest.of(method, rawPath, rawQuery, buffer.getBytes(), cookie);
            EmulatorResponse resp;
            try {
                resp = handler.handle(req);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                request.connection().close();
                return;
            }
            // record before answering, so a client that got its answer sees the request counted
            boolean secret = req.path().endsWith("/aaaLogin.json");
            requests.add(new RecordedRequest(method, req.path(), req.query(), secret ? "" : req.bodyText(),
                    resp.status()));
            HttpServerResponse out = request.response().setStatusCode(resp.status());
            out.putHeader("Content-Type", resp.contentType());
            resp.headers().forEach(out::putHeader);
            out.end(Buffer.buffer(resp.body()));
        }));
    }

    /** Builder: defaults 127.0.0.1, a free port, no users, 600 s idle timeout. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private final Map<String, String> users = new java.util.LinkedHashMap<>();
        private Duration idleTimeout = Duration.ofSeconds(600);
        private Clock clock = Clock.systemUTC();
        private ApicEmulator shareWith;

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** 0 = any free port. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * A second controller of the same cluster: shares objects, users and sessions with
         * {@code other} but has its own listener, certificate and fault injector.
         */
        public Builder sharingStateWith(ApicEmulator other) {
            this.shareWith = other;
            return this;
        }

        public ApicEmulator build() {
            return new ApicEmulator(this);
        }
    }
}
