package io.acicni.deploy.manifest;

/**
 * The APIC credentials for the fabric sync: the {@code apic_login} user and password and,
 * when the files named in {@code sync_login} exist, the certificate and key. Never printed.
 */
public record ApicCredentials(String username, String password, String certificatePem, String privateKeyPem) {
    public boolean hasCertificate() {
        return certificatePem != null && privateKeyPem != null;
    }

    @Override
    public String toString() {
        return "ApicCredentials[username=" + username + ", password=***, certificate="
                + (hasCertificate() ? "present" : "absent") + "]";
    }
}
