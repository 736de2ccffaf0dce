package io.acicni.apic.diff;

import io.acicni.apic.model.ApicObject;

/**
 * One POST the diff asks for: {@code body} (carrying {@code dn} as its first attribute) goes to
 * {@code /api/mo/<dn>.json}. {@code reason} says what changed, for logs and audit.
 */
public record ApicPost(String dn, ApicObject body, String reason) {
}
