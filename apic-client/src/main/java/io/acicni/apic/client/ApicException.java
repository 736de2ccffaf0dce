package io.acicni.apic.client;

/**
 * An APIC request failed. Carries the HTTP status (0 when no answer arrived) and APIC's error code
 * and text when the answer had an error object. Messages never contain passwords, tokens or keys.
 */
public class ApicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String apicCode;
    private final String apicText;

    public ApicException(String message, int httpStatus, String apicCode, String apicText) {
        this(message, httpStatus, apicCode, apicText, null);
    }

    public ApicException(String message, int httpStatus, String apicCode, String apicText, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.apicCode = apicCode == null ? "" : apicCode;
        this.apicText = apicText == null ? "" : apicText;
    }

    /** HTTP status of the answer, or 0 when the APIC could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** APIC's error code (a string such as {@code "122"}), or empty. */
    public String apicCode() {
        return apicCode;
    }

    /** APIC's error text, or empty. */
    public String apicText() {
        return apicText;
    }
}
