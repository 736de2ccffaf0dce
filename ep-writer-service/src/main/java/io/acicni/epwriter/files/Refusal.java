package io.acicni.epwriter.files;

/**
 * A file that was not written because a name part was unsafe.
 *
 * @param subject what the name was built for, e.g. {@code pod/default/web-1} or {@code service/default/web}
 * @param field   the offending field
 * @param value   the offending value
 * @param message the full error
 */
public record Refusal(String subject, String field, String value, String message) {
}
