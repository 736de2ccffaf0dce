package io.acicni.netconfig.flavor;

/**
 * A provisioning flavor such as {@code kubernetes-1.35} or {@code openshift-4.18-baremetal}.
 *
 * @param name         the name given with {@code -f}
 * @param distribution Kubernetes or OpenShift
 * @param major        major version of the distribution
 * @param minor        minor version of the distribution
 * @param platform     OpenShift platform suffix ({@code baremetal}, {@code esx}, ...), empty otherwise
 */
public record Flavor(String name, Distribution distribution, int major, int minor, String platform) {

    /** Dual stack needs Kubernetes 1.21+ or OpenShift 4.8+ (acc-provision's {@code is_support_dualstack}). */
    public boolean supportsDualStack() {
        return distribution.supportsDualStack(major, minor);
    }

    public boolean isOpenShift() {
        return distribution == Distribution.OPENSHIFT;
    }

    /** Version text, e.g. {@code 1.35}. */
    public String version() {
        return major + "." + minor;
    }

    public String description() {
        String base = distribution.vmmType() + " " + version();
        return platform.isEmpty() ? base : base + " on " + platform;
    }
}
