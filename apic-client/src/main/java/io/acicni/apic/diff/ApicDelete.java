package io.acicni.apic.diff;

import io.acicni.apic.model.ApicObject;

/** One DELETE the diff asks for; {@code before} is the existing object (with its subtree) being removed. */
public record ApicDelete(String dn, ApicObject before, String reason) {
}
