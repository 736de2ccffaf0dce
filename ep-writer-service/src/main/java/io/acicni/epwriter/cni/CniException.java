package io.acicni.epwriter.cni;

/**
 * A CNI error result: a CNI well-known error code, a message and details, plus the HTTP status it is
 * answered with.
 */
public class CniException extends RuntimeException {
    /** CNI 1.0 well-known codes used here. */
    public static final int UNKNOWN_CONTAINER = 3;
    public static final int INVALID_ENVIRONMENT = 4;
    public static final int IO_FAILURE = 5;
    public static final int DECODING_FAILURE = 6;
    public static final int INVALID_CONFIG = 7;
    public static final int TRY_AGAIN_LATER = 11;

    private final int code;
    private final int httpStatus;
    private final String details;

    public CniException(int code, int httpStatus, String message, String details) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String details() {
        return details;
    }
}
