package io.acicni.deploy.provision;

import java.nio.file.Path;

/**
 * How {@code provision -a}/{@code -d} reach the APIC.
 *
 * @param push      {@code -a}: create the fabric objects
 * @param delete    {@code -d}: remove them
 * @param username  {@code -u}: password login as this user (else the certificate of {@code sync_login})
 * @param password  {@code -p}, or null to read {@code ACICNI_APIC_PASSWORD}
 * @param caBundle  {@code --apic-ca}: PEM bundle that signs the APIC certificate, or null for the system store
 * @param insecure  {@code --apic-insecure}: no TLS verification (warned)
 */
public record ApicAccess(boolean push, boolean delete, String username, char[] password, Path caBundle, boolean insecure) {
    public static ApicAccess none() {
        return new ApicAccess(false, false, null, null, null, false);
    }

    @Override
    public String toString() {
        return "ApicAccess[push=" + push + ", delete=" + delete + ", username=" + username + ", password=<redacted>]";
    }
}
