package io.acicni.deploy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Read-only JSON GETs to the suite's HTTP APIs (ep-writer, ipam), with short timeouts. */
public final class JsonHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public JsonHttp() {
        this(Duration.ofSeconds(5));
    }

    /**
     * GETs {@code base + path}. Never throws for transport problems: the answer says what went wrong.
     */
    public Answer get(String base, String path) {
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException notJson) {
                // leave body null; text is kept
            }
            return new Answer(url, response.statusCode(), body, response.body(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(url, 0, null, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(url, 0, null, null, "interrupted");
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status 0 when no answer came (then {@code error} says why)
     */
    public record Answer(String url, int status, JsonNode json, String text, String error) {
        public boolean ok() {
            return status == 200 && json != null;
        }

        /** A short explanation of a failed request. */
        public String problem() {
            if (error != null) {
                return url + " unreachable (" + error + ")";
            }
            String detail = json != null && json.hasNonNull("error") ? json.get("error").asText()
                    : text == null ? "" : text.strip();
            if (detail.length() > 200) {
                detail = detail.substring(0, 200) + "...";
            }
            return url + " answered " + status + (detail.isEmpty() ? "" : ": " + detail);
        }
    }
}
