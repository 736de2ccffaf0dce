package io.acicni.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process stand-in for the suite's HTTP APIs the command line reads: an ep-writer's
 * {@code GET /diagnostics} and {@code GET /diagnostics/{node}/files?prefix=} (answered from real
 * directories, as the ep-writer does), and ipam's {@code GET /ipam/pods/{ns}/{name}} and
 * {@code /ipam/services/{ns}/{name}}.
 */
public final class FakeSuiteHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, JsonNode> ipam = new ConcurrentHashMap<>();
    private final Map<String, Path[]> nodeDirs = new ConcurrentHashMap<>();
    private volatile JsonNode diagnostics = healthy();

    public FakeSuiteHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** ipam's answer for {@code pods/<ns>/<name>} or {@code services/<ns>/<name>}. */
    public void ipam(String path, JsonNode answer) {
        ipam.put(path, answer);
    }

    public void diagnostics(JsonNode answer) {
        this.diagnostics = answer;
    }

    /** Serves {@code /diagnostics/<node>/files} from these directories. */
    public void node(String node, Path endpointDir, Path serviceDir) {
        nodeDirs.put(node, new Path[] {endpointDir, serviceDir});
    }

    /** Every node check passing: both default routes via eth0, IPv6 forwarding on, directories writable. */
    public static ObjectNode healthy() {
        ObjectNode d = JSON.createObjectNode();
        d.put("ok", true).put("writing", true);
        ArrayNode checks = d.putArray("checks");
        check(checks, "ipv4-default-route", true, "via eth0");
        check(checks, "ipv6-default-route", true, "via eth0");
        check(checks, "default-routes-same-interface", true, "both via eth0");
        check(checks, "ipv6-forwarding", true, "enabled");
        for (String node : new String[] {"worker-1", "worker-2"}) {
            check(checks, node + ".endpoint-dir-writable", true, "/var/" + node + "/ep");
            check(checks, node + ".service-dir-writable", true, "/var/" + node + "/svc");
        }
        d.putArray("problems");
        d.putObject("counts").put("worker-1.pods", 2).put("worker-1.pods-lacking-a-family", 0)
                .put("worker-1.endpoint-files", 2).put("worker-1.service-files", 1);
        d.putObject("lag").put("acicni.pod-addressing", 0);
        d.putObject("lastSync");
        return d;
    }

    public static void check(ArrayNode checks, String name, boolean ok, String detail) {
        checks.addObject().put("name", name).put("ok", ok).put("detail", detail);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try {
            if (path.equals("/diagnostics")) {
                send(ex, 200, diagnostics);
            } else if (path.startsWith("/diagnostics/") && path.endsWith("/files")) {
                String node = path.substring("/diagnostics/".length(), path.length() - "/files".length());
                Path[] dirs = nodeDirs.get(node);
                if (dirs == null) {
                    send(ex, 404, JSON.createObjectNode().put("error", "node " + node + " is not served here"));
                    return;
                }
                String query = ex.getRequestURI().getRawQuery();
                String prefix = query != null && query.startsWith("prefix=")
                        ? URLDecoder.decode(query.substring("prefix=".length()), StandardCharsets.UTF_8) : "";
                ObjectNode out = JSON.createObjectNode().put("node", node).put("endpointDir", dirs[0].toString())
                        .put("serviceDir", dirs[1].toString());
                ArrayNode files = out.putArray("files");
                list(dirs[0], "ep", ".ep", prefix, files);
                list(dirs[1], "service", ".service", prefix, files);
                send(ex, 200, out);
            } else if (path.startsWith("/ipam/")) {
                JsonNode answer = ipam.get(path.substring("/ipam/".length()));
                if (answer == null) {
                    send(ex, 404, JSON.createObjectNode().put("error", "not known to ipam"));
                } else {
                    send(ex, 200, answer);
                }
            } else {
                send(ex, 404, JSON.createObjectNode().put("error", "no route " + path));
            }
        } finally {
            ex.close();
        }
    }

    private static void list(Path dir, String kind, String suffix, String prefix, ArrayNode out) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix)) {
                    out.addObject().put("kind", kind).put("name", name).set("content", JSON.readTree(Files.readString(f)));
                }
            }
        }
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
