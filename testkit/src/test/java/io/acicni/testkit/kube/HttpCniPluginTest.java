package io.acicni.testkit.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plugin against a stand-in for ep-writer-service's {@code POST /cni/{node}} (same contract). */
class HttpCniPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ab".repeat(32);

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cni/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestURI().getPath());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            int code = status;
            String out = answer;
            if (!("Bearer " + TOKEN).equals(auth)) {
                code = 401;
                out = "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"missing or wrong node token\"}";
            } else {
                bodies.add(JSON.readTree(body));
            }
            byte[] bytes = out == null ? new byte[0] : out.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        Files.createDirectories(dir.resolve("node-1/metadata"));
        Files.writeString(dir.resolve("node-1/metadata/cni-token"), TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpCniPlugin plugin() {
        return HttpCniPlugin.of("http://127.0.0.1:" + server.getAddress().getPort(),
                dir + "/{node}/metadata/cni-token", Duration.ofSeconds(5));
    }

    @Test
    void addSendsTheCniParametersAndMapsTheResult() {
        answer = """
                {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"00:22:bd:f8:19:ff"}],
                 "ips":[{"address":"10.2.0.5/24","gateway":"10.2.0.1","interface":0},
                        {"address":"2001:fb8:42::5/64","gateway":"2001:fb8:42::1","interface":0}],
                 "routes":[],"dns":{}}""";
        List<CniAddress> ips = plugin().add("node-1", "web", "web-1", "uid-1", "c0ffee", "eth0", "/var/run/netns/x");
        assertThat(ips).extracting(CniAddress::toString).containsExactly("10.2.0.5/24", "2001:fb8:42::5/64");
        assertThat(ips).extracting(CniAddress::family).containsExactly("IPv4", "IPv6");
        assertThat(paths).containsExactly("/cni/node-1");
        JsonNode body = bodies.get(0);
        assertThat(body.get("command").asText()).isEqualTo("ADD");
        assertThat(body.get("cniVersion").asText()).isEqualTo("1.0.0");
        assertThat(body.get("containerId").asText()).isEqualTo("c0ffee");
        assertThat(body.get("ifName").asText()).isEqualTo("eth0");
        assertThat(body.get("netns").asText()).isEqualTo("/var/run/netns/x");
        assertThat(body.get("podNamespace").asText()).isEqualTo("web");
        assertThat(body.get("podName").asText()).isEqualTo("web-1");
        assertThat(body.get("podUid").asText()).isEqualTo("uid-1");
    }

    @Test
    void delIsAcceptedWithAnEmptyAnswer() {
        answer = null;
        plugin().del("node-1", "web", "web-1", "uid-1", "c0ffee", "eth0", null);
        assertThat(bodies).singleElement().satisfies(b -> assertThat(b.get("command").asText()).isEqualTo("DEL"));
    }

    @Test
    void tryAgainLaterIsRetryableAndCarriesTheMessage() {
        status = 503;
        answer = "{\"cniVersion\":\"1.0.0\",\"code\":11,\"msg\":\"no addresses for pod web/web-1\",\"details\":\"the sandbox stays registered\"}";
        assertThatThrownBy(() -> plugin().add("node-1", "web", "web-1", "uid-1", "c0ffee", "eth0", null))
                .isInstanceOfSatisfying(CniPluginException.class, e -> {
                    assertThat(e.code()).isEqualTo(11);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("503").contains("no addresses for pod web/web-1").contains("stays registered");
                });
    }

    @Test
    void wrongTokenAndBadResultsAreNotRetryable() throws IOException {
        Files.writeString(dir.resolve("node-1/metadata/cni-token"), "0".repeat(64));
        assertThatThrownBy(() -> plugin().add("node-1", "web", "web-1", "uid-1", "c0ffee", "eth0", null))
                .isInstanceOfSatisfying(CniPluginException.class, e -> {
                    assertThat(e.code()).isEqualTo(7);
                    assertThat(e.retryable()).isFalse();
                });
        Files.writeString(dir.resolve("node-1/metadata/cni-token"), TOKEN);
        answer = "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.2.0.5\"}]}";
        assertThatThrownBy(() -> plugin().add("node-1", "web", "web-1", "uid-1", "c0ffee", "eth0", null))
                .isInstanceOf(CniPluginException.class).hasMessageContaining("ips[0].address");
    }

    @Test
    void missingTokenFileIsRetryable() {
        assertThatThrownBy(() -> plugin().add("node-2", "web", "web-1", "uid-1", "c0ffee", "eth0", null))
                .isInstanceOfSatisfying(CniPluginException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("node-2");
    }
}
