package io.acicni.testkit.apic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicJsonException;
import io.acicni.apic.model.ApicObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server that behaves like a Cisco APIC for what this suite sends (reference apic-rest.md
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
    private static final byte[] GARBAGE = "<html><body>upstream hiccup {\"imdata\": [".getBytes(StandardCharsets.UTF_8);

    /** Key generation is slow: one server certificate per bind address per JVM. */
    private static final Map<String, KeyAndCertificate> SERVER_CERTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final EmulatorState state;
    private final String bindAddress;
    private final KeyAndCertificate serverCert;
    private final SSLContext sslContext;
    private final FaultInjector faults = new FaultInjector(this);
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Object listenerLock = new Object();
    private volatile int port;
    private HttpsServer server;
    private ExecutorService executor;

    private ApicEmulator(Builder b) {
        this.state = b.shareWith != null ? b.shareWith.state : new EmulatorState(b.clock, b.idleTimeout);
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.serverCert = SERVER_CERTS.computeIfAbsent(b.bindAddress, TestCertificates::server);
        this.sslContext = sslContext(serverCert);
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

    /** Closes the listener. */
    public void stop() {
        stopListener();
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
            try {
                HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
                s.setHttpsConfigurator(new HttpsConfigurator(sslContext));
                executor = Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "apic-emulator-" + port);
                    t.setDaemon(true);
                    return t;
                });
                s.setExecutor(executor);
                s.createContext("/", this::handle);
                s.start();
                port = s.getAddress().getPort();
                server = s;
            } catch (IOException e) {
                throw new UncheckedIOException("APIC emulator cannot listen on " + bindAddress + ":" + port, e);
            }
        }
    }

    void stopListener() {
        synchronized (listenerLock) {
            if (server == null) {
                return;
            }
            server.stop(0);
            executor.shutdownNow();
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

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        byte[] body = ex.getRequestBody().readAllBytes();
        String cookie = String.join("; ", ex.getRequestHeaders().getOrDefault("Cookie", List.of()));
        EmulatorRequest req = EmulatorRequest.of(method, ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), body, cookie);
        int status;
        try {
            Duration delay = faults.currentDelay();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            int forced = faults.takeFailure();
            if (forced != 0) {
                status = respond(ex, forced, ("<html><body><h1>" + forced + "</h1></body></html>")
                        .getBytes(StandardCharsets.UTF_8), "text/html");
            } else if (faults.takeGarbage()) {
                status = respond(ex, 200, GARBAGE, "application/json");
            } else {
                status = route(ex, req);
            }
        } catch (ApicRequestError e) {
            status = respond(ex, e.status, ApicJson.writeError(e.error).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "APIC emulator failed on " + method + " " + req.path(), e);
            status = respond(ex, 500, ApicJson.writeError(new io.acicni.apic.model.ApicError("500",
                    "emulator internal error: " + e.getClass().getSimpleName())).getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
        boolean secret = req.path().endsWith("/aaaLogin.json");
        requests.add(new RecordedRequest(method, req.path(), req.query(), secret ? "" : req.bodyText(), status));
    }

    private int route(HttpExchange ex, EmulatorRequest req) throws IOException {
        String path = req.path();
        if (!path.startsWith("/api/")) {
            throw new ApicRequestError(400, "400", "unknown API path " + path);
        }
        String rest = path.substring("/api/".length());
        if (rest.startsWith("node/")) {
            rest = rest.substring("node/".length());
        }
        String method = req.method();
        switch (rest) {
            case "aaaLogin.json":
                return login(ex, req);
            case "aaaRefresh.json":
                return json(ex, 200, List.of(state.authenticator().refresh(req, state.tree())));
            case "aaaLogout.json":
                state.authenticator().logout(req);
                return json(ex, 200, List.of());
            case "webtokenSession.json": {
                String token;
                synchronized (state) {
                    token = state.authenticator().webToken(req, state.tree());
                }
                return json(ex, 200, List.of(ApicObject.of("webtokenSession").attr("token", token)));
            }
            case "subscriptionRefresh.json":
                authenticate(req);
                return respond(ex, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            default:
                break;
        }
        if (!rest.endsWith(".json")) {
            throw new ApicRequestError(400, "400", "only .json requests are supported by the emulator: " + path);
        }
        authenticate(req);
        if (rest.startsWith("mo/")) {
            String dn = rest.substring("mo/".length(), rest.length() - ".json".length());
            if (!method.equals("GET")) {
                faults.checkWrite(dn);
            }
            synchronized (state) {
                switch (method) {
                    case "GET":
                        return json(ex, 200, state.queries().mo(dn, req.params()));
                    case "POST":
                        state.writer().post(dn, req.body());
                        return json(ex, 200, List.of());
                    case "DELETE":
                        state.writer().delete(dn);
                        return json(ex, 200, List.of());
                    default:
                        throw new ApicRequestError(400, "400", "method " + method + " not supported");
                }
            }
        }
        if (rest.startsWith("class/") && method.equals("GET")) {
            String cls = rest.substring("class/".length(), rest.length() - ".json".length());
            synchronized (state) {
                return json(ex, 200, state.queries().byClass(cls, req.params()));
            }
        }
        throw new ApicRequestError(400, "400", "unknown API path " + path);
    }

    private void authenticate(EmulatorRequest req) {
        synchronized (state) {
            state.authenticator().authenticate(req, state.tree());
        }
    }

    private int login(HttpExchange ex, EmulatorRequest req) throws IOException {
        ApicObject user;
        try {
            user = ApicJson.readObject(req.body());
        } catch (ApicJsonException e) {
            throw new ApicRequestError(400, "400", "invalid login request: " + e.getMessage());
        }
        if (!user.className().equals("aaaUser")) {
            throw new ApicRequestError(400, "400", "login needs an aaaUser object");
        }
        String name = Objects.requireNonNullElse(user.attribute("name"), "");
        String pwd = Objects.requireNonNullElse(user.attribute("pwd"), "");
        String token;
        synchronized (state) {
            token = state.authenticator().login(name, pwd, state.tree());
        }
        ex.getResponseHeaders().add("Set-Cookie", "APIC-cookie=" + token + "; path=/; HttpOnly; Secure");
        return json(ex, 200, List.of(state.authenticator().loginObject(token, name)));
    }

    private static int json(HttpExchange ex, int status, List<ApicObject> imdata) throws IOException {
        return respond(ex, status, ApicJson.writeEnvelope(imdata, Map.of()).getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    private static int respond(HttpExchange ex, int status, byte[] body, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
        return status;
    }

    private static SSLContext sslContext(KeyAndCertificate kc) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "emulator".toCharArray();
            ks.setKeyEntry("apic", kc.privateKey(), pw, new Certificate[] {kc.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the emulator's TLS context", e);
        }
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
