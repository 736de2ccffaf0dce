package io.acicni.apic.client;

import java.util.Arrays;
import java.util.Objects;

/** Password login ({@code aaaLogin}). The password is never printed. */
public final class PasswordCredentials implements ApicCredentials {

    private final String user;
    private final char[] password;

    public PasswordCredentials(String user, char[] password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Arrays.copyOf(Objects.requireNonNull(password, "password"), password.length);
    }

    @Override
    public String user() {
        return user;
    }

    /** A copy of the password. */
    char[] password() {
        return Arrays.copyOf(password, password.length);
    }

    @Override
    public String toString() {
        return "PasswordCredentials[user=" + user + ", password=****]";
    }
}
