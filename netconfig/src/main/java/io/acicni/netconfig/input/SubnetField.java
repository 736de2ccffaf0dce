package io.acicni.netconfig.input;

/** The subnet-bearing keys of {@code net_config}. */
public enum SubnetField {
    NODE_SUBNET("node_subnet"),
    POD_SUBNET("pod_subnet"),
    EXTERN_DYNAMIC("extern_dynamic"),
    EXTERN_STATIC("extern_static"),
    NODE_SVC_SUBNET("node_svc_subnet");

    private final String key;

    SubnetField(String key) {
        this.key = key;
    }

    /** The key in {@code net_config}, e.g. {@code pod_subnet}. */
    public String key() {
        return key;
    }

    /** The option path used in messages, e.g. {@code net_config/pod_subnet}. */
    public String path() {
        return "net_config/" + key;
    }
}
