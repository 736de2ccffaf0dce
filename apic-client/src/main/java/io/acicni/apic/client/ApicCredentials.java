package io.acicni.apic.client;

/** Who the client logs in as: a password user or a certificate (signature) user. */
public sealed interface ApicCredentials permits PasswordCredentials, CertificateCredentials {

    /** The APIC user name. */
    String user();
}
