package io.acicni.netconfig.input;

/**
 * {@code aci_config.sync_login}: the APIC user the fabric sync authenticates as (certificate
 * signature), with the certificate and key file names.
 */
public record SyncLogin(String username, String certfile, String keyfile) {
}
