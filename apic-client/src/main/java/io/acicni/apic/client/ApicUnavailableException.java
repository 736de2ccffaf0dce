package io.acicni.apic.client;

/** No APIC host answered usefully (connection errors, 502/503/504) after every retry. */
public class ApicUnavailableException extends ApicException {

    private static final long serialVersionUID = 1L;

    public ApicUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, "", "", cause);
    }
}
