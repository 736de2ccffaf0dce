package io.acicni.apic.client;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Last line of defence for logs and exception messages: replaces every secret the client knows
 * (password, current token, passwords inside posted bodies) with {@code ****}.
 */
final class SecretRedactor {

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    void add(String secret) {
        if (secret != null && secret.length() >= 4) {
            secrets.add(secret);
        }
    }

    void remove(String secret) {
        if (secret != null) {
            secrets.remove(secret);
        }
    }

    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "****");
        }
        return out;
    }
}
