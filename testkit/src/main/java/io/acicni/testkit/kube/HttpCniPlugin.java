package io.acicni.testkit.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CNI plugin as ep-writer-service serves it: {@code POST <base>/cni/<node>} with
 * {@code Authorization: Bearer <token>} (the token is read from the node's {@code cni-token} file at
 * every call, so a restarted ep-writer's new token is picked up), a JSON body of the CNI parameters
 * and the pod identity, answered by a CNI 1.0 result ({@code ips[].address} as {@code <ip>/<prefix>})
 * or a CNI error object ({@code code}, {@code msg}, {@code details}).
 */
public final class HttpCniPlugin implements CniPlugin {
    public static final String CNI_VERSION = "1.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, URI> baseUrlOfNode;
    private final Function<String, Path> tokenFileOfNode;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrlOfNode   the ep-writer serving a node, e.g. {@code http://127.0.0.1:8083}
     * @param tokenFileOfNode that node's token file, {@code <metadata-dir>/cni-token}
     * @param timeout         per request; ep-writer waits up to its own ADD timeout for the pod's addresses
     */
    public HttpCniPlugin(Function<String, URI> baseUrlOfNode, Function<String, Path> tokenFileOfNode, Duration timeout) {
        this.baseUrlOfNode = baseUrlOfNode;
        this.tokenFileOfNode = tokenFileOfNode;
        this.timeout = timeout;
        // HTTP/1.1: a kubelet's CNI calls are independent; over one upgraded HTTP/2 connection a burst of
        // ADDs (each waiting for its addresses) hits the server's stream limit and its GOAWAY.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One ep-writer for all nodes; {@code {node}} in the token file template is replaced by the node name. */
    public static HttpCniPlugin of(String baseUrl, String tokenFileTemplate, Duration timeout) {
        URI base = URI.create(baseUrl);
        return new HttpCniPlugin(node -> base, node -> Path.of(tokenFileTemplate.replace("{node}", node)), timeout);
    }

    @Override
    public List<CniAddress> add(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
        JsonNode result = call("ADD", node, namespace, name, uid, containerId, ifName, netns);
        return addresses(result);
    }

    @Override
    public void del(String node, String namespace, String name, String uid, String containerId, String ifName, String netns) {
        call("DEL", node, namespace, name, uid, containerId, ifName, netns);
    }

    /** The {@code ips} of a CNI 1.0 result. */
    static List<CniAddress> addresses(JsonNode result) {
        if (result == null || !result.path("ips").isArray()) {
            throw new CniPluginException(6, "CNI result: field 'ips' is missing or not an array", false);
        }
        List<CniAddress> out = new ArrayList<>();
        for (int i = 0; i < result.get("ips").size(); i++) {
            JsonNode address = result.get("ips").get(i).get("address");
            try {
                out.add(CniAddress.parse("ips[" + i + "].address", address == null ? null : address.asText()));
            } catch (IllegalArgumentException e) {
                throw new CniPluginException(6, "CNI result: " + e.getMessage(), false);
            }
        }
        return out;
    }

    private JsonNode call(String command, String node, String namespace, String name, String uid, String containerId,
                          String ifName, String netns) {
        ObjectNode body = JSON.createObjectNode();
        body.put("cniVersion", CNI_VERSION);
        body.put("command", command);
        body.put("containerId", containerId);
        body.put("netns", netns);
        body.put("ifName", ifName);
        body.put("podNamespace", namespace);
        body.put("podName", name);
        body.put("podUid", uid);
        URI uri = baseUrlOfNode.apply(node).resolve("/cni/" + node);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token(node))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body() == null ? "" : response.body().trim();
            if (response.statusCode() == 200) {
                return text.isEmpty() ? null : JSON.readTree(text);
            }
            throw error(command, uri, response.statusCode(), text);
        } catch (IOException e) {
            throw new CniPluginException(CniPluginException.TRY_AGAIN_LATER, "CNI " + command + " " + uri + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniPluginException(CniPluginException.TRY_AGAIN_LATER, "CNI " + command + " " + uri + ": interrupted", true, e);
        }
    }

    private String token(String node) throws IOException {
        Path file = tokenFileOfNode.apply(node);
        if (!Files.isReadable(file)) {
            throw new IOException("token file " + file + " of node " + node + " is not there yet");
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static CniPluginException error(String command, URI uri, int status, String body) {
        int code = 0;
        String message = body;
        try {
            JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
            if (json != null && json.has("code")) {
                code = json.get("code").asInt();
                message = json.path("msg").asText() + (json.hasNonNull("details") ? " (" + json.get("details").asText() + ")" : "");
            }
        } catch (IOException notJson) {
            // keep the raw body
        }
        boolean retryable = code == CniPluginException.TRY_AGAIN_LATER || status == 503 || status == 404;
        return new CniPluginException(code, "CNI " + command + " " + uri + " answered " + status + ": " + message, retryable);
    }
}
