package io.acicni.deploy.target;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.RetryPolicy;
import io.acicni.apic.client.TlsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * APIC access for read-only checks: hosts (empty = take the controller config's
 * {@code apic-hosts}), user, the file holding the password, and an optional CA bundle.
 */
public record ApicTarget(List<String> hosts, String user, Path passwordFile, Path caFile) {

    public ApicTarget {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** The same access with hosts filled in when none were given. */
    public ApicTarget withDefaultHosts(List<String> fallback) {
        return hosts.isEmpty() ? new ApicTarget(fallback, user, passwordFile, caFile) : this;
    }

    /** A client with short timeouts and one retry: a command line must not hang on a dead APIC. */
    public ApicClient open() {
        if (hosts.isEmpty()) {
            throw new IllegalStateException("no APIC host: give --apic-host (the controller config has no apic-hosts)");
        }
        char[] password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the APIC password file " + passwordFile + ": " + e.getMessage(), e);
        }
        return new ApicClient(ApicClientConfig.builder()
                .hosts(hosts)
                .credentials(new PasswordCredentials(user, password))
                .tls(caFile == null ? TlsSettings.systemDefault() : TlsSettings.caBundle(caFile))
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(20))
                .retry(new RetryPolicy(1, Duration.ofMillis(500), Duration.ofSeconds(1), 0))
                .build());
    }

    @Override
    public String toString() {
        return (hosts.isEmpty() ? "<controller-config apic-hosts>" : String.join(",", hosts)) + " as " + user;
    }
}
