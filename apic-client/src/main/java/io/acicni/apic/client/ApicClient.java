package io.acicni.apic.client;

import io.acicni.apic.diff.ApicDelete;
import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicError;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicJsonException;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.ApicResponse;
import io.acicni.apic.model.Dn;
import io.acicni.apic.model.Ownership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Blocking APIC REST client, plain Java (usable from Quarkus services and from the CLI).
 *
 * <ul>
 *   <li>Password mode: {@code aaaLogin}, token sent as cookie {@code APIC-cookie}; {@code aaaRefresh}
 *       when the session has been idle for half its {@code refreshTimeoutSeconds}; a new login when it
 *       has been idle longer, when it nears its maximum lifetime, after a host switch, and once
 *       when a request is answered 403 "Token was invalid".</li>
 *   <li>Certificate mode: every request is signed ({@link RequestSigner}); no session.</li>
 *   <li>Connection errors: switch to the next host and retry with exponential backoff;
 *       502/503/504: retry with backoff on the same host; both up to {@link RetryPolicy#maxRetries()},
 *       then {@link ApicUnavailableException}.</li>
 *   <li>Every request, logins included, goes through a token-bucket {@link RateLimiter}.</li>
 *   <li>Answers that are not APIC JSON → {@link ApicProtocolException}; APIC errors →
 *       {@link ApicException} with status, code and text (401/403 → {@link ApicAuthenticationException}).</li>
 * </ul>
 * Requests are serialised (one at a time per client). Passwords, tokens and keys never reach a log
 * line or an exception message.
 */
public final class ApicClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ApicClient.class.getName());
    private static final Set<Integer> TRANSIENT = Set.of(502, 503, 504);

    private final ApicClientConfig config;
    private final ApicTransport transport;
    private final RateLimiter limiter;
    private final RequestSigner signer;
    private final SecretRedactor redactor = new SecretRedactor();
    private final Object lock = new Object();
    private int hostIndex;
    private Session session;

    /** A client on the JDK HTTP transport. */
    public ApicClient(ApicClientConfig config) {
        this(config, new JdkHttpTransport(config.tls(), config.connectTimeout()));
    }

    /** A client on the given transport. */
    public ApicClient(ApicClientConfig config, ApicTransport transport) {
        this.config = config;
        this.transport = transport;
        this.limiter = new RateLimiter(config.requestsPerSecond(), config.burst(), System::nanoTime, config.sleeper());
        if (config.credentials() instanceof CertificateCredentials) {
            this.signer = new RequestSigner((CertificateCredentials) config.credentials());
        } else {
            this.signer = null;
            char[] pw = ((PasswordCredentials) config.credentials()).password();
            redactor.add(new String(pw));
            Arrays.fill(pw, '\0');
        }
    }

    // ---------------------------------------------------------------- reads

    /** GET of a raw path with query, e.g. {@code /api/node/class/fvBD.json?rsp-subtree=full}. */
    public ApicResponse get(String pathAndQuery) {
        return execute("GET", pathAndQuery, null);
    }

    /** {@code GET /api/mo/<dn>.json<query>}: the objects of the result set (empty when the DN does not exist). */
    public List<ApicObject> getMo(String dn, ApicQuery query) {
        return get("/api/mo/" + dn + ".json" + query).imdata();
    }

    /** {@code GET /api/class/<cls>.json<query>}. */
    public List<ApicObject> getClassObjects(String className, ApicQuery query) {
        return get("/api/class/" + className + ".json" + query).imdata();
    }

    /** The object at {@code dn} with its whole subtree, if it exists. */
    public Optional<ApicObject> getSubtree(String dn) {
        return getMo(dn, ApicQuery.create().rspSubtree("full")).stream().findFirst();
    }

    /**
     * The objects at {@code dns} with the part of their subtrees made of {@code classes} plus their
     * tags ({@code rsp-subtree=full&rsp-subtree-class=<classes>,tagAnnotation,tagInst}): the
     * "existing" side of {@link io.acicni.apic.diff.ApicDiff}. Missing DNs are simply absent.
     */
    public List<ApicObject> readSubtrees(Collection<String> dns, Collection<String> classes) {
        Set<String> keep = new LinkedHashSet<>(classes);
        keep.add("tagAnnotation");
        keep.add("tagInst");
        List<ApicObject> out = new ArrayList<>();
        for (String dn : dns) {
            out.addAll(getMo(dn, ApicQuery.create().rspSubtree("full")
                    .rspSubtreeClass(keep.toArray(new String[0]))));
        }
        return out;
    }

    /**
     * DNs of every object carrying a tag of {@code ownership}'s prefix (tagAnnotation or legacy
     * tagInst), sorted: how a resync finds owned objects that are no longer desired.
     */
    public List<String> findTaggedDns(Ownership ownership) {
        String re = "^" + ownership.prefix() + "-[a-f0-9]{32}$";
        Set<String> dns = new TreeSet<>();
        for (ApicObject tag : getClassObjects("tagAnnotation", ApicQuery.create().filter(ApicQuery.and(
                ApicQuery.eq("tagAnnotation", "key", Ownership.TAG_KEY), ApicQuery.wcard("tagAnnotation", "value", re))))) {
            tag.dn().map(Dn::parent).ifPresent(dns::add);
        }
        for (ApicObject tag : getClassObjects("tagInst",
                ApicQuery.create().filter(ApicQuery.wcard("tagInst", "name", re)))) {
            tag.dn().map(Dn::parent).ifPresent(dns::add);
        }
        return new ArrayList<>(dns);
    }

    /** The running APIC firmware version, e.g. {@code 5.2(7f)}. */
    public String firmwareVersion() {
        return get("/api/node/class/firmwareCtrlrRunning.json").imdata().stream()
                .map(o -> o.attribute("version")).filter(v -> v != null && !v.isEmpty()).findFirst()
                .orElseThrow(() -> new ApicProtocolException("APIC reported no firmwareCtrlrRunning version", 200));
    }

    // ---------------------------------------------------------------- writes

    /** POSTs an object that carries its {@code dn}. */
    public void post(ApicObject body) {
        post(body.dn().orElseThrow(() -> new IllegalArgumentException("object to POST has no dn: " + body)), body);
    }

    /** {@code POST /api/mo/<dn>.json} with {@code body} (APIC merges it into what exists). */
    public void post(String dn, ApicObject body) {
        body.walk("", (d, o) -> redactor.add(o.attribute("pwd")));
        execute("POST", "/api/mo/" + dn + ".json", ApicJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code DELETE /api/mo/<dn>.json} (deletes the subtree; missing DN is not an error). */
    public void delete(String dn) {
        if (dn == null || dn.isBlank()) {
            throw new IllegalArgumentException("refusing to DELETE an empty DN");
        }
        execute("DELETE", "/api/mo/" + dn + ".json", null);
    }

    /** Applies a diff: POSTs in order, then DELETEs. Stops at the first failure (the next pass retries). */
    public void apply(ChangeSet changes) {
        int posted = 0;
        int deleted = 0;
        try {
            for (ApicPost p : changes.posts()) {
                post(p.dn(), p.body());
                posted++;
            }
            for (ApicDelete d : changes.deletes()) {
                delete(d.dn());
                deleted++;
            }
        } catch (RuntimeException e) {
            if (posted == 0 && deleted == 0) {
                throw e;
            }
            throw new PartialApplyException(changes.firstWrites(posted, deleted), changes.writeCount(), e);
        }
    }

    // ---------------------------------------------------------------- session

    /**
     * Authenticates now: password mode logs in; certificate mode makes a signed
     * {@code GET /api/webtokenSession.json}, which fails when the APIC does not accept the signature.
     */
    public void login() {
        if (signer != null) {
            execute("GET", "/api/webtokenSession.json", null);
            return;
        }
        synchronized (lock) {
            session = null;
        }
        execute("POST", "/api/aaaLogin.json", null, true);
    }

    /** Refreshes the password session if it is due; call periodically from an idle service. */
    public void keepAlive() {
        if (signer != null) {
            return;
        }
        synchronized (lock) {
            runWithRetries("keep-alive", () -> {
                ensureSession(currentHostLocked());
                return null;
            });
        }
    }

    /** The base URL of the host requests currently go to. */
    public String currentHost() {
        synchronized (lock) {
            return currentHostLocked();
        }
    }

    /** Logs out (password mode, best effort). */
    @Override
    public void close() {
        synchronized (lock) {
            if (session == null) {
                return;
            }
            Session s = session;
            session = null;
            try {
                byte[] body = ApicJson.write(ApicObject.of("aaaUser").attr("name", config.credentials().user()))
                        .getBytes(StandardCharsets.UTF_8);
                send(s.host, "POST", "/api/aaaLogout.json", body, cookie(s.token));
            } catch (RuntimeException | Transient e) {
                LOG.fine(() -> "APIC logout failed: " + redactor.redact(String.valueOf(e.getMessage())));
            }
            redactor.remove(s.token);
        }
    }

    // ---------------------------------------------------------------- core

    private ApicResponse execute(String method, String path, byte[] body) {
        return execute(method, path, body, false);
    }

    private ApicResponse execute(String method, String path, byte[] body, boolean loginOnly) {
        synchronized (lock) {
            boolean[] relogged = {false};
            return runWithRetries(method + " " + path, () -> {
                while (true) {
                    String host = currentHostLocked();
                    ensureSession(host);
                    if (loginOnly) {
                        return new ApicResponse(List.of(), Optional.empty());
                    }
                    HttpResult r = send(host, method, path, body, authHeaders(method, path, body));
                    if (r.status() == 403 && signer == null && !relogged[0] && looksLikeTokenProblem(r)) {
                        LOG.info(() -> "APIC " + host + " rejected the session token on " + method + " " + path
                                + "; logging in again");
                        dropSession();
                        relogged[0] = true;
                        continue;
                    }
                    if (TRANSIENT.contains(r.status())) {
                        throw new Transient(r.status(), "HTTP " + r.status() + " from " + host, false, null);
                    }
                    if (session != null) {
                        session.lastActivity = config.clock().instant();
                    }
                    return interpret(host, method, path, r);
                }
            });
        }
    }

    private interface Attempt<T> {
        T run() throws Transient;
    }

    private <T> T runWithRetries(String what, Attempt<T> attempt) {
        int failures = 0;
        while (true) {
            try {
                return attempt.run();
            } catch (Transient t) {
                failures++;
                if (t.failover) {
                    switchHost();
                }
                if (failures > config.retry().maxRetries()) {
                    String msg = redactor.redact("APIC unavailable: " + what + " failed " + failures
                            + " times; last failure: " + t.getMessage());
                    LOG.warning(msg);
                    throw new ApicUnavailableException(msg, t.status, t.getCause());
                }
                Duration d = config.retry().delay(failures);
                int n = failures;
                LOG.warning(() -> redactor.redact("APIC request " + what + " failed (" + t.getMessage() + "); retry "
                        + n + "/" + config.retry().maxRetries() + " in " + d.toMillis() + " ms on "
                        + currentHostLocked()));
                try {
                    config.sleeper().sleep(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApicUnavailableException("interrupted while waiting to retry " + what, t.status, e);
                }
            }
        }
    }

    private HttpResult send(String host, String method, String path, byte[] body, Map<String, String> headers)
            throws Transient {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApicUnavailableException("interrupted while waiting for the APIC rate limit", 0, e);
        }
        long t0 = System.nanoTime();
        try {
            HttpResult r = transport.send(new HttpCall(host, method, path, body, headers, config.requestTimeout()));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            config.listener().onExchange(host, method, path, r.status(), took);
            LOG.fine(() -> "APIC " + host + " " + method + " " + path + " -> " + r.status() + " in "
                    + took.toMillis() + " ms");
            return r;
        } catch (IOException e) {
            config.listener().onExchange(host, method, path, 0, Duration.ofNanos(System.nanoTime() - t0));
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new Transient(0, "cannot reach " + host + " (" + redactor.redact(reason) + ")", true, e);
        }
    }

    private Map<String, String> authHeaders(String method, String path, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (signer != null) {
            h.put("Cookie", signer.cookieHeader(method, path, body));
        } else {
            h.putAll(cookie(session.token));
        }
        if (body != null) {
            h.put("Content-Type", "application/json");
        }
        return h;
    }

    private static Map<String, String> cookie(String token) {
        return Map.of("Cookie", "APIC-cookie=" + token);
    }

    private boolean looksLikeTokenProblem(HttpResult r) {
        try {
            return ApicResponse.parse(r.bodyText()).error()
                    .map(e -> e.text().toLowerCase().contains("token")).orElse(true);
        } catch (ApicJsonException e) {
            return true;
        }
    }

    private ApicResponse interpret(String host, String method, String path, HttpResult r) {
        int s = r.status();
        ApicResponse resp;
        try {
            resp = ApicResponse.parse(r.bodyText());
        } catch (ApicJsonException e) {
            String msg = redactor.redact("APIC " + host + " answered " + method + " " + path + " with HTTP " + s
                    + " and a body that is not an APIC JSON answer: " + e.getMessage() + " (" + r.body().length
                    + " bytes, content type " + r.header("content-type").orElse("none") + ")");
            LOG.warning(msg);
            throw new ApicProtocolException(msg, s);
        }
        if (resp.error().isPresent()) {
            ApicError e = resp.error().get();
            String text = redactor.redact(e.text());
            String msg = redactor.redact("APIC " + host + " refused " + method + " " + path + ": HTTP " + s
                    + ", code " + e.code() + ": " + e.text());
            if (s == 401 || s == 403) {
                throw new ApicAuthenticationException(msg, s, e.code(), text);
            }
            throw new ApicException(msg, s, e.code(), text);
        }
        if (s / 100 != 2) {
            throw new ApicException(redactor.redact("APIC " + host + " answered " + method + " " + path + " with HTTP "
                    + s + " without an error object"), s, "", "");
        }
        return resp;
    }

    // ---------------------------------------------------------------- password session

    private static final class Session {
        final String host;
        String token;
        final Instant loginTime;
        Instant lastActivity;
        final Duration idleTimeout;
        final Duration maxLifetime;

        Session(String host, String token, Instant now, Duration idleTimeout, Duration maxLifetime) {
            this.host = host;
            this.token = token;
            this.loginTime = now;
            this.lastActivity = now;
            this.idleTimeout = idleTimeout;
            this.maxLifetime = maxLifetime;
        }

        boolean expired(Instant now) {
            Duration idle = Duration.between(lastActivity, now);
            Duration age = Duration.between(loginTime, now);
            return idle.compareTo(idleTimeout.minusSeconds(1)) >= 0
                    || age.compareTo(maxLifetime.minus(maxLifetime.dividedBy(20))) >= 0;
        }

        boolean refreshDue(Instant now) {
            return Duration.between(lastActivity, now).compareTo(idleTimeout.dividedBy(2)) >= 0;
        }
    }

    private void ensureSession(String host) throws Transient {
        if (signer != null) {
            return;
        }
        Instant now = config.clock().instant();
        if (session == null || !session.host.equals(host) || session.expired(now)) {
            passwordLogin(host);
        } else if (session.refreshDue(now)) {
            refresh(host);
        }
    }

    private void passwordLogin(String host) throws Transient {
        dropSession();
        PasswordCredentials pc = (PasswordCredentials) config.credentials();
        char[] pw = pc.password();
        byte[] body = ApicJson.write(ApicObject.of("aaaUser").attr("name", pc.user()).attr("pwd", new String(pw)))
                .getBytes(StandardCharsets.UTF_8);
        Arrays.fill(pw, '\0');
        HttpResult r = send(host, "POST", "/api/aaaLogin.json", body, Map.of("Content-Type", "application/json"));
        Arrays.fill(body, (byte) 0);
        if (TRANSIENT.contains(r.status())) {
            throw new Transient(r.status(), "HTTP " + r.status() + " from " + host + " on login", false, null);
        }
        ApicObject login = parseLogin(host, r, "login as " + pc.user());
        String token = login.attribute("token");
        redactor.add(token);
        Instant now = config.clock().instant();
        Duration idle = Duration.ofSeconds(seconds(login.attribute("refreshTimeoutSeconds"), 600));
        Duration life = Duration.ofSeconds(seconds(login.attribute("maximumLifetimeSeconds"), 86400));
        session = new Session(host, token, now, idle, life);
        LOG.info(() -> "Logged in to APIC " + host + " as " + pc.user() + " (idle timeout " + idle.toSeconds()
                + " s)");
    }

    private void refresh(String host) throws Transient {
        HttpResult r = send(host, "GET", "/api/aaaRefresh.json", null, cookie(session.token));
        if (TRANSIENT.contains(r.status())) {
            throw new Transient(r.status(), "HTTP " + r.status() + " from " + host + " on refresh", false, null);
        }
        if (r.status() / 100 != 2) {
            LOG.info(() -> "APIC " + host + " refused the session refresh (HTTP " + r.status() + "); logging in again");
            passwordLogin(host);
            return;
        }
        try {
            ApicObject login = parseLogin(host, r, "refresh");
            String token = login.attribute("token");
            if (!token.equals(session.token)) {
                redactor.add(token);
                session.token = token;
            }
        } catch (ApicException e) {
            LOG.fine(() -> "APIC refresh answer unusable; keeping the current token: " + e.getMessage());
        }
        session.lastActivity = config.clock().instant();
        LOG.fine(() -> "Refreshed the APIC session on " + host);
    }

    private ApicObject parseLogin(String host, HttpResult r, String what) {
        ApicResponse resp;
        try {
            resp = ApicResponse.parse(r.bodyText());
        } catch (ApicJsonException e) {
            // The body of a login answer may hold a token: never quote it.
            throw new ApicProtocolException("APIC " + host + " answered the " + what + " with HTTP " + r.status()
                    + " and a body that is not an APIC JSON answer", r.status());
        }
        if (resp.error().isPresent() || r.status() / 100 != 2) {
            ApicError e = resp.error().orElse(new ApicError("", ""));
            throw new ApicAuthenticationException(redactor.redact("APIC " + host + " refused the " + what
                    + ": HTTP " + r.status() + ", code " + e.code() + ": " + e.text()), r.status(), e.code(),
                    redactor.redact(e.text()));
        }
        ApicObject login = resp.imdata().stream()
                .filter(o -> o.className().equals("aaaLogin") || o.className().equals("webtokenSession"))
                .findFirst()
                .orElseThrow(() -> new ApicProtocolException("APIC " + host + ": Login response not found", r.status()));
        String token = login.attribute("token");
        if (token == null || token.isEmpty()) {
            throw new ApicProtocolException("APIC " + host + ": Token not found in login response", r.status());
        }
        return login;
    }

    private static long seconds(String value, long fallback) {
        try {
            long v = Long.parseLong(value);
            return v > 0 ? v : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    private void dropSession() {
        if (session != null) {
            redactor.remove(session.token);
            session = null;
        }
    }

    private String currentHostLocked() {
        return config.hosts().get(hostIndex);
    }

    private void switchHost() {
        if (config.hosts().size() > 1) {
            String from = currentHostLocked();
            hostIndex = (hostIndex + 1) % config.hosts().size();
            LOG.log(Level.WARNING, "Switching from APIC host {0} to {1}", new Object[] {from, currentHostLocked()});
        }
    }

    /** A failure worth retrying; {@code failover} = move to the next host first. */
    private static final class Transient extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final boolean failover;

        Transient(int status, String message, boolean failover, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.failover = failover;
        }
    }
}
