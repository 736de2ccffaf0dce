package io.acicni.testkit.kube;

/** A Kubernetes object the double cannot act on; the message names the field. */
public class InvalidObjectException extends RuntimeException {
    private final String field;

    public InvalidObjectException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
