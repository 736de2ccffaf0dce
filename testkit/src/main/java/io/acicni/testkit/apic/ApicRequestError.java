package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicError;

/** An error answer the emulator sends: HTTP status plus APIC error code and text. */
final class ApicRequestError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final ApicError error;

    ApicRequestError(int status, String code, String text) {
        super(text, null, false, false);
        this.status = status;
        this.error = new ApicError(code, text);
    }

    static ApicRequestError tokenInvalid() {
        return new ApicRequestError(403, "403", "Token was invalid (Error: Token timeout)");
    }

    static ApicRequestError badRequest(String code, String text) {
        return new ApicRequestError(400, code, text);
    }
}
