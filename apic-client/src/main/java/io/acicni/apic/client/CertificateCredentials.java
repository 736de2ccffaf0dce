package io.acicni.apic.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * Signature-based authentication: the APIC holds the user's certificate as
 * {@code uni/userext/user-<user>/usercert-<certificateName>}; the client signs every request with
 * the matching RSA private key. The key is never printed.
 */
public final class CertificateCredentials implements ApicCredentials {

    private final String user;
    private final String certificateName;
    private final PrivateKey privateKey;

    public CertificateCredentials(String user, String certificateName, PrivateKey privateKey) {
        this.user = Objects.requireNonNull(user, "user");
        this.certificateName = Objects.requireNonNull(certificateName, "certificateName");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (!"RSA".equals(privateKey.getAlgorithm())) {
            throw new IllegalArgumentException("Unsupported key type: APIC signatures need an RSA key");
        }
    }

    /** Credentials from a PEM private key (PKCS#1 or PKCS#8 RSA); certificate name {@code <user>.crt}. */
    public static CertificateCredentials fromPem(String user, String privateKeyPem) {
        return new CertificateCredentials(user, user + ".crt", PemKeys.readRsaPrivateKey(privateKeyPem));
    }

    /** Credentials from a PEM private key file; certificate name {@code <user>.crt}. */
    public static CertificateCredentials fromFile(String user, Path privateKeyFile) {
        try {
            return fromPem(user, Files.readString(privateKeyFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the APIC private key file " + privateKeyFile
                    + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String user() {
        return user;
    }

    public String certificateName() {
        return certificateName;
    }

    /** {@code uni/userext/user-<user>/usercert-<certificateName>}. */
    public String certificateDn() {
        return "uni/userext/user-" + user + "/usercert-" + certificateName;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "CertificateCredentials[user=" + user + ", certificate=" + certificateDn() + ", key=****]";
    }
}
