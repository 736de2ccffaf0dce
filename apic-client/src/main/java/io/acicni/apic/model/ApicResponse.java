package io.acicni.apic.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A parsed APIC answer: the objects in {@code imdata}, or the error when the first element is an
 * {@code error} object (APIC may send an error with HTTP 200).
 */
public record ApicResponse(List<ApicObject> imdata, Optional<ApicError> error) {

    /** Parses the body of an APIC answer. */
    public static ApicResponse parse(String body) {
        JsonNode root = ApicJson.readTree(body);
        if (!root.isObject()) {
            throw new ApicJsonException("an APIC answer is a JSON object");
        }
        JsonNode imdata = root.get("imdata");
        if (imdata == null) {
            throw new ApicJsonException("the answer has no imdata");
        }
        List<ApicObject> objects = List.copyOf(ApicJson.readObjects(imdata));
        Optional<ApicError> error = Optional.empty();
        if (!objects.isEmpty() && objects.get(0).className().equals("error")) {
            ApicObject e = objects.get(0);
            error = Optional.of(new ApicError(nullToEmpty(e.attribute("code")), nullToEmpty(e.attribute("text"))));
        }
        return new ApicResponse(objects, error);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
