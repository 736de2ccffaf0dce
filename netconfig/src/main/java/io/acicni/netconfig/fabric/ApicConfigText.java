package io.acicni.netconfig.fabric;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.netconfig.config.ConfigJson;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of an APIC configuration, as acc-provision's test dumps ({@code *.apic.txt}):
 * each path on its own line, followed by the JSON body (4-space indentation) or {@code None}.
 */
public final class ApicConfigText {
    static final String NO_BODY = "None";

    private ApicConfigText() {
    }

    public static String format(List<ApicRequest> requests) {
        StringBuilder text = new StringBuilder();
        for (ApicRequest request : requests) {
            text.append(request.path()).append('\n');
            text.append(request.hasBody() ? ConfigJson.write(request.body()) : NO_BODY).append('\n');
        }
        return text.toString();
    }

    /** Parses the text back (lines starting with {@code /} open an entry). */
    public static List<ApicRequest> parse(String text) {
        List<ApicRequest> requests = new ArrayList<>();
        String path = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("/")) {
                if (path != null) {
                    requests.add(entry(path, body.toString()));
                }
                path = line.strip();
                body.setLength(0);
            } else if (path != null) {
                body.append(line).append('\n');
            }
        }
        if (path != null) {
            requests.add(entry(path, body.toString()));
        }
        return requests;
    }

    private static ApicRequest entry(String path, String body) {
        String trimmed = body.strip();
        if (trimmed.equals(NO_BODY) || trimmed.isEmpty()) {
            return ApicRequest.deleteOnly(path);
        }
        try {
            JsonNode json = ConfigJson.mapper().readTree(trimmed);
            if (!(json instanceof ObjectNode object)) {
                throw new IllegalArgumentException("body of " + path + " is not a JSON object");
            }
            return new ApicRequest(path, object);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body of " + path + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
