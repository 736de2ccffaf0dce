package io.acicni.netconfig.flavor;

/** The Kubernetes distribution a flavor installs onto. */
public enum Distribution {
    KUBERNETES("Kubernetes", 1, 21),
    OPENSHIFT("OpenShift", 4, 8);

    private final String vmmType;
    private final int dualStackMajor;
    private final int dualStackMinor;

    Distribution(String vmmType, int dualStackMajor, int dualStackMinor) {
        this.vmmType = vmmType;
        this.dualStackMajor = dualStackMajor;
        this.dualStackMinor = dualStackMinor;
    }

    /** The ACI VMM domain type: {@code Kubernetes} or {@code OpenShift}. */
    public String vmmType() {
        return vmmType;
    }

    boolean supportsDualStack(int major, int minor) {
        return major > dualStackMajor || (major == dualStackMajor && minor >= dualStackMinor);
    }
}
