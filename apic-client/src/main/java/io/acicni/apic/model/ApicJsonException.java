package io.acicni.apic.model;

/** JSON that is not a well-formed APIC object or answer. */
public class ApicJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean attributesNotFirst;

    public ApicJsonException(String message) {
        this(message, false, null);
    }

    public ApicJsonException(String message, Throwable cause) {
        this(message, false, cause);
    }

    private ApicJsonException(String message, boolean attributesNotFirst, Throwable cause) {
        super(message, cause);
        this.attributesNotFirst = attributesNotFirst;
    }

    /** The error APIC reports when an object's {@code children} come before its {@code attributes}. */
    public static ApicJsonException attributesNotFirst() {
        return new ApicJsonException("invalid data at line '1'. Attributes are missing, tag 'attributes' must be "
                + "specified first, before any other tag", true, null);
    }

    /** True when the problem is {@code children} before {@code attributes}. */
    public boolean isAttributesNotFirst() {
        return attributesNotFirst;
    }
}
