package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicError;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An answer of the emulator: status, content type, extra headers, body. */
record EmulatorResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    static EmulatorResponse json(int status, List<ApicObject> imdata) {
        return new EmulatorResponse(status, "application/json", Map.of(),
                ApicJson.writeEnvelope(imdata, Map.of()).getBytes(StandardCharsets.UTF_8));
    }

    static EmulatorResponse error(int status, ApicError error) {
        return new EmulatorResponse(status, "application/json", Map.of(),
                ApicJson.writeError(error).getBytes(StandardCharsets.UTF_8));
    }

    static EmulatorResponse raw(int status, String contentType, String body) {
        return new EmulatorResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    EmulatorResponse withHeader(String name, String value) {
        return new EmulatorResponse(status, contentType, Map.of(name, value), body);
    }
}
