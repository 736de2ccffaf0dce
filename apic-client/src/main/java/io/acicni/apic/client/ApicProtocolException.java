package io.acicni.apic.client;

/** The APIC answered with something that is not an APIC JSON answer (garbage, truncated, HTML...). */
public class ApicProtocolException extends ApicException {

    private static final long serialVersionUID = 1L;

    public ApicProtocolException(String message, int httpStatus) {
        super(message, httpStatus, "", "");
    }
}
