package io.acicni.apic.diff;

/** A difference the diff refused to act on because the object is not ours. */
public record SkippedChange(String dn, String reason) {
}
