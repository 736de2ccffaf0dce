package io.acicni.deploy.target;

/** The target cannot be used: the message says what to give or fix. */
public class TargetException extends RuntimeException {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
