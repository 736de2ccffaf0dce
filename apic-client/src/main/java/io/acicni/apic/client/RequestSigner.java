package io.acicni.apic.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs requests for APIC signature-based authentication: RSA PKCS#1 v1.5 with SHA-256 over
 * method + path-with-query + body, concatenated without separators, sent as four cookies.
 */
public final class RequestSigner {

    private final CertificateCredentials credentials;

    public RequestSigner(CertificateCredentials credentials) {
        this.credentials = credentials;
    }

    /** The string that is signed. */
    public static byte[] payload(String method, String pathAndQuery, byte[] body) {
        byte[] head = (method + pathAndQuery).getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Base64 of the signature of {@link #payload}. */
    public String signature(String method, String pathAndQuery, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(credentials.privateKey());
            s.update(payload(method, pathAndQuery, body));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the APIC request: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The {@code Cookie} header value for this request. */
    public String cookieHeader(String method, String pathAndQuery, byte[] body) {
        return "APIC-Request-Signature=" + signature(method, pathAndQuery, body)
                + "; APIC-Certificate-Algorithm=v1.0"
                + "; APIC-Certificate-Fingerprint=fingerprint"
                + "; APIC-Certificate-DN=" + credentials.certificateDn();
    }
}
