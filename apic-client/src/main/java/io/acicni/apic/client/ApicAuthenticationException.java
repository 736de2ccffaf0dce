package io.acicni.apic.client;

/** Login failed or the APIC rejected our credentials, token or request signature. */
public class ApicAuthenticationException extends ApicException {

    private static final long serialVersionUID = 1L;

    public ApicAuthenticationException(String message, int httpStatus, String apicCode, String apicText) {
        super(message, httpStatus, apicCode, apicText);
    }
}
