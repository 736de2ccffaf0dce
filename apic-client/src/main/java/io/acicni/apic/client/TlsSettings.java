package io.acicni.apic.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the client checks the APIC's certificate. Verification (chain and host name) is on by
 * default against the JVM's trust store; {@link #caBundle(Path)} trusts a PEM bundle instead (the
 * APIC's own CA or self-signed certificate). {@link #insecureTrustAll()} turns checking off; it
 * must be asked for explicitly and logs a warning each time a context is built from it.
 */
public final class TlsSettings {

    private static final Logger LOG = Logger.getLogger(TlsSettings.class.getName());

    private final String caPem;
    private final String source;
    private final boolean insecure;

    private TlsSettings(String caPem, String source, boolean insecure) {
        this.caPem = caPem;
        this.source = source;
        this.insecure = insecure;
    }

    /** Verify against the JVM's default trust store. */
    public static TlsSettings systemDefault() {
        return new TlsSettings(null, "system trust store", false);
    }

    /** Verify against the certificates in a PEM file. */
    public static TlsSettings caBundle(Path pemFile) {
        try {
            return new TlsSettings(Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString(), false);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read APIC CA bundle " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** Verify against the certificates in PEM text. */
    public static TlsSettings caBundlePem(String pem) {
        return new TlsSettings(pem, "CA bundle given inline", false);
    }

    /** No verification at all. Only for labs; logs a warning. */
    public static TlsSettings insecureTrustAll() {
        return new TlsSettings(null, "none", true);
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** Logs a WARNING when verification is off; a transport calls it when it is built (at every start). */
    public void warnIfInsecure() {
        if (insecure) {
            LOG.warning("TLS verification of the APIC certificate is DISABLED by configuration; "
                    + "anyone on the path can read the APIC credentials. Configure a CA bundle instead.");
        }
    }

    /** Builds the SSL context these settings describe. */
    public SSLContext sslContext() {
        try {
            if (insecure) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx;
            }
            if (caPem == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("APIC CA bundle (" + source + ") holds no certificate");
            }
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("apic-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build TLS settings from " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return insecure ? "TLS verification disabled" : "TLS verification against " + source;
    }

    /** Accepts every certificate and, being an extended trust manager, skips the host name check too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
