package io.acicni.apic.model;

/** The {@code error} object of an APIC answer: a string code and a text. */
public record ApicError(String code, String text) {

    /** The error as the single imdata element APIC sends. */
    public ApicObject toObject() {
        return ApicObject.of("error").attr("code", code).attr("text", text);
    }
}
