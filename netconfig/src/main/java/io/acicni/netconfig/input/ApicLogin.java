package io.acicni.netconfig.input;

/** {@code aci_config.apic_login}: the APIC administrator used by provisioning. */
public record ApicLogin(String username, String password) {
    public static final ApicLogin NONE = new ApicLogin(null, null);

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ApicLogin[username=" + username + ", password=" + (hasPassword() ? "***" : "<none>") + "]";
    }
}
