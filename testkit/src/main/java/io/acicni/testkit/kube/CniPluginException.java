package io.acicni.testkit.kube;

/**
 * A failed CNI command: the CNI error code (CNI 1.0 well-known codes, 11 = try again later), the
 * message and whether the kubelet should try again.
 */
public class CniPluginException extends RuntimeException {
    public static final int TRY_AGAIN_LATER = 11;

    private final int code;
    private final boolean retryable;

    public CniPluginException(int code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public CniPluginException(int code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public int code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
