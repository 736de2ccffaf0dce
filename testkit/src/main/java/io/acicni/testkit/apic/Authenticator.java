package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Password logins, tokens with an idle timeout, and signature verification against the
 * {@code aaaUserCert} objects in the tree (reference §1). Cookie names are matched case-insensitively.
 */
final class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration idleTimeout;

    record Session(String user, Instant created, Instant lastActivity) {
    }

    Authenticator(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    void addUser(String user, String password) {
        passwords.put(user, password);
    }

    void idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Checks a password against the configured users and {@code aaaUser} objects carrying {@code pwd}. */
    String login(String user, String password, ManagementTree tree) {
        String expected = passwords.get(user);
        if (expected == null) {
            var mo = tree.get("uni/userext/user-" + user);
            expected = mo == null ? null : mo.attributes.get("pwd");
        }
        if (expected == null || !expected.equals(password)) {
            throw new ApicRequestError(401, "401", "Username or password is incorrect - FAILED local authentication");
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        sessions.put(token, new Session(user, now, now));
        LOG.fine(() -> "emulator: login of " + user);
        return token;
    }

    /** A new token for the caller's session (password cookie or signed request). */
    String webToken(EmulatorRequest req, ManagementTree tree) {
        String user = authenticate(req, tree);
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        sessions.put(token, new Session(user, now, now));
        return token;
    }

    void logout(EmulatorRequest req) {
        String token = cookies(req.cookieHeader()).get("apic-cookie");
        if (token != null) {
            sessions.remove(token);
        }
    }

    void expireAll() {
        sessions.clear();
    }

    int sessionCount() {
        return sessions.size();
    }

    /** Returns the user of an authenticated request, or throws the 403 APIC would send. */
    String authenticate(EmulatorRequest req, ManagementTree tree) {
        Map<String, String> cookies = cookies(req.cookieHeader());
        if (cookies.containsKey("apic-request-signature")) {
            return verifySignature(req, cookies, tree);
        }
        String token = cookies.get("apic-cookie");
        if (token == null) {
            throw ApicRequestError.tokenInvalid();
        }
        Session s = sessions.get(token);
        Instant now = clock.instant();
        if (s == null || !s.lastActivity().plus(idleTimeout).isAfter(now)) {
            sessions.remove(token);
            throw ApicRequestError.tokenInvalid();
        }
        sessions.put(token, new Session(s.user(), s.created(), now));
        return s.user();
    }

    private String verifySignature(EmulatorRequest req, Map<String, String> cookies, ManagementTree tree) {
        String certDn = cookies.get("apic-certificate-dn");
        String signature = cookies.get("apic-request-signature");
        if (certDn == null || !"v1.0".equals(cookies.get("apic-certificate-algorithm"))) {
            throw new ApicRequestError(403, "403", "Signature verification failed: certificate DN or algorithm missing");
        }
        var certMo = tree.get(certDn);
        if (certMo == null || !"aaaUserCert".equals(certMo.className)) {
            throw new ApicRequestError(403, "403", "Signature verification failed: no certificate " + certDn);
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(certMo.attributes.getOrDefault("data", "")
                            .getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ApicRequestError(403, "403", "Signature verification failed: certificate " + certDn
                    + " cannot be parsed");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new ApicRequestError(403, "403", "Signature verification failed: signature is not base64");
        }
        for (String pathAndQuery : new String[] {req.rawPathAndQuery(), req.decodedPathAndQuery()}) {
            if (verifies(cert, sig, req.method() + pathAndQuery, req.body())) {
                // user-<name>/usercert-<cert>: the user is the parent aaaUser
                String user = certDn.replaceAll("^uni/userext/user-([^/]+)/.*$", "$1");
                return user;
            }
        }
        throw new ApicRequestError(403, "403", "Signature verification failed");
    }

    private static boolean verifies(X509Certificate cert, byte[] sig, String head, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(cert.getPublicKey());
            s.update(head.getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                s.update(body);
            }
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static Map<String, String> cookies(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** The login answer body object. */
    ApicObject loginObject(String token, String user) {
        return ApicObject.of("aaaLogin").attr("token", token)
                .attr("refreshTimeoutSeconds", Long.toString(idleTimeout.toSeconds()))
                .attr("maximumLifetimeSeconds", "86400")
                .attr("userName", user)
                .attr("version", ApicEmulator.VERSION);
    }

    /** Refresh: same token, idle timer reset. */
    ApicObject refresh(EmulatorRequest req, ManagementTree tree) {
        String user = authenticate(req, tree);
        String token = cookies(req.cookieHeader()).get("apic-cookie");
        return loginObject(token == null ? "" : token, user);
    }
}
