package io.acicni.apic.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acicni.apic.diff.ApicDelete;
import io.acicni.apic.diff.ApicPost;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Client behaviour that needs exact control of time and answers: a scripted transport. */
class ApicClientTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private ApicClientConfig.Builder config(ApicCredentials creds, String... hosts) {
        ApicClientConfig.Builder b = ApicClientConfig.builder().credentials(creds)
                .retry(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), 0))
                .sleeper(sleeps::add)
                .clock(new Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now;
                    }
                })
                .rateLimit(1000, 1000);
        for (String h : hosts.length == 0 ? new String[] {"apic1"} : hosts) {
            b.host(h);
        }
        return b;
    }

    private static PasswordCredentials admin() {
        return new PasswordCredentials("admin", "Passw0rd-Secret".toCharArray());
    }

    @Test
    void sendsTheTokenAsApicCookieAndRefreshesBeforeTheIdleTimeout() {
        FakeTransport t = new FakeTransport(c -> switch (c.pathAndQuery()) {
            case "/api/aaaLogin.json" -> FakeTransport.login("tok-1", 60);
            case "/api/aaaRefresh.json" -> FakeTransport.login("tok-1", 60);
            default -> FakeTransport.empty();
        });
        ApicClient client = new ApicClient(config(admin()).build(), t);
        client.getMo("uni", ApicQuery.create());
        assertThat(t.calls.get(1).headers()).containsEntry("Cookie", "APIC-cookie=tok-1");
        assertThat(t.calls.get(0).baseUrl()).isEqualTo("https://apic1");

        now = now.plusSeconds(20);
        client.getMo("uni", ApicQuery.create());
        now = now.plusSeconds(31); // idle > half of 60 s: refresh first
        client.getMo("uni", ApicQuery.create());
        now = now.plusSeconds(61); // idle > 60 s: the token is dead, log in again
        client.getMo("uni", ApicQuery.create());
        assertThat(t.paths()).containsExactly("POST /api/aaaLogin.json", "GET /api/mo/uni.json", "GET /api/mo/uni.json",
                "GET /api/aaaRefresh.json", "GET /api/mo/uni.json", "POST /api/aaaLogin.json", "GET /api/mo/uni.json");
    }

    @Test
    void loginAndKeepAliveDoOnlyWhatIsDueAndTheLoginBodyIsWipedAfterUse() {
        byte[][] sent = new byte[1][];
        FakeTransport t = new FakeTransport(c -> {
            if (c.pathAndQuery().equals("/api/aaaLogin.json")) {
                sent[0] = c.body();
            }
            return c.pathAndQuery().contains("aaa") ? FakeTransport.login("tok", 600) : FakeTransport.empty();
        });
        ApicClient client = new ApicClient(config(admin()).build(), t);
        client.login();
        client.keepAlive();
        now = now.plusSeconds(301);
        client.keepAlive();
        client.keepAlive();
        client.close();
        assertThat(t.paths()).containsExactly("POST /api/aaaLogin.json", "GET /api/aaaRefresh.json",
                "POST /api/aaaLogout.json");
        assertThat(new String(t.calls.get(0).body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"aaaUser\":{\"attributes\":{\"name\":\"admin\",\"pwd\":\"Passw0rd-Secret\"}}}");
        assertThat(new String(sent[0], StandardCharsets.UTF_8)).doesNotContain("Passw0rd-Secret");
    }

    @Test
    void retriesTransientStatusesWithExponentialBackoff() {
        AtomicInteger n = new AtomicInteger();
        FakeTransport t = new FakeTransport(c -> c.pathAndQuery().contains("aaaLogin") ? FakeTransport.login("t", 600)
                : n.incrementAndGet() <= 3 ? FakeTransport.json(503, "busy") : FakeTransport.empty());
        ApicClient client = new ApicClient(config(admin()).build(), t);
        client.getMo("uni", ApicQuery.create());
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(new RetryPolicy(9, Duration.ofMillis(100), Duration.ofSeconds(1), 0).delay(9)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void connectionErrorsFailOverToTheNextHost() {
        FakeTransport t = new FakeTransport(c -> {
            if (c.baseUrl().equals("https://apic1")) {
                throw new ConnectException("Connection refused");
            }
            return c.pathAndQuery().contains("aaaLogin") ? FakeTransport.login("t2", 600) : FakeTransport.empty();
        });
        ApicClient client = new ApicClient(config(admin(), "apic1", "[fd00::2]:8443").build(), t);
        client.getMo("uni", ApicQuery.create());
        assertThat(client.currentHost()).isEqualTo("https://[fd00::2]:8443");
        assertThat(t.calls).extracting(HttpCall::baseUrl)
                .containsExactly("https://apic1", "https://[fd00::2]:8443", "https://[fd00::2]:8443");
    }

    @Test
    void onlyOneReLoginPer403() {
        FakeTransport t = new FakeTransport(c -> c.pathAndQuery().contains("aaaLogin") ? FakeTransport.login("t", 600)
                : FakeTransport.json(403, "{\"imdata\":[{\"error\":{\"attributes\":{\"code\":\"403\","
                        + "\"text\":\"Token was invalid (Error: Token timeout)\"}}}]}"));
        ApicClient client = new ApicClient(config(admin()).build(), t);
        assertThatThrownBy(() -> client.getMo("uni", ApicQuery.create()))
                .isInstanceOfSatisfying(ApicAuthenticationException.class, e -> assertThat(e.apicText()).startsWith("Token was invalid"));
        assertThat(t.paths()).containsExactly("POST /api/aaaLogin.json", "GET /api/mo/uni.json",
                "POST /api/aaaLogin.json", "GET /api/mo/uni.json");
    }

    /** A pass that fails part-way says what it did write, so those writes can still be audited. */
    @Test
    void aChangeSetThatFailsPartWayReportsTheWritesItMade() {
        FakeTransport t = new FakeTransport(c -> c.pathAndQuery().contains("aaaLogin") ? FakeTransport.login("t", 600)
                : c.pathAndQuery().contains("tn-c") ? FakeTransport.json(400, "{\"imdata\":[{\"error\":{\"attributes\":{\"code\":\"182\","
                        + "\"text\":\"invalid\"}}}]}")
                : FakeTransport.empty());
        ApicClient client = new ApicClient(config(admin()).build(), t);
        List<ApicPost> posts = List.of(post("uni/tn-a"), post("uni/tn-b"), post("uni/tn-c"), post("uni/tn-d"));
        ApicDelete insideA = new ApicDelete("uni/tn-a/BD-old", ApicObject.of("fvBD"), "gone");
        ApicDelete insideD = new ApicDelete("uni/tn-d/BD-old", ApicObject.of("fvBD"), "gone");
        ChangeSet changes = new ChangeSet(posts, List.of(new ApicDelete("uni/tn-x", ApicObject.of("fvTenant"), "gone")),
                List.of(insideA, insideD), List.of());

        assertThatThrownBy(() -> client.apply(changes)).isInstanceOfSatisfying(PartialApplyException.class, e -> {
            assertThat(e.applied().posts()).extracting(ApicPost::dn).containsExactly("uni/tn-a", "uni/tn-b");
            assertThat(e.applied().deletes()).isEmpty();
            assertThat(e.applied().removedInPosts()).containsExactly(insideA);
            assertThat(e.getMessage()).startsWith("after 2 of 5 writes: ");
            assertThat(e.apicCode()).isEqualTo("182");
        });
        assertThat(t.paths()).noneMatch(p -> p.contains("tn-d") || p.contains("tn-x"));

        ApicClient failingFirst = new ApicClient(config(admin()).build(), t);
        ChangeSet fromC = new ChangeSet(List.of(post("uni/tn-c")), List.of(), List.of());
        assertThatThrownBy(() -> failingFirst.apply(fromC)).isInstanceOf(ApicException.class)
                .isNotInstanceOf(PartialApplyException.class);
    }

    private static ApicPost post(String dn) {
        return new ApicPost(dn, ApicObject.of("fvTenant").attr("dn", dn), "test");
    }

    @Test
    void secretsEchoedByTheApicAreRedacted() {
        FakeTransport t = new FakeTransport(c -> c.pathAndQuery().contains("aaaLogin") ? FakeTransport.login("tok-SECRET-42", 600)
                : FakeTransport.json(400, "{\"imdata\":[{\"error\":{\"attributes\":{\"code\":\"801\",\"text\":"
                        + "\"bad value 'Us3r-Pw' near Passw0rd-Secret and tok-SECRET-42\"}}}]}"));
        ApicClient client = new ApicClient(config(admin()).build(), t);
        assertThatThrownBy(() -> client.post(ApicObject.of("aaaUser").attr("dn", "uni/userext/user-u").attr("pwd", "Us3r-Pw")))
                .isInstanceOfSatisfying(ApicException.class, e -> {
                    assertThat(e.getMessage()).contains("****").doesNotContain("Us3r-Pw")
                            .doesNotContain("Passw0rd-Secret").doesNotContain("tok-SECRET-42");
                    assertThat(e.apicText()).doesNotContain("Passw0rd-Secret");
                });
        assertThat(admin().toString()).doesNotContain("Passw0rd-Secret");
    }

    @Test
    void signedRequestsCarryTheFourCookiesAndAVerifiableSignature() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair kp = gen.generateKeyPair();
        FakeTransport t = new FakeTransport(c -> FakeTransport.empty());
        ApicClient client = new ApicClient(config(new CertificateCredentials("kube", "kube.crt", kp.getPrivate())).build(), t);
        ApicObject body = ApicObject.of("fvBD").attr("dn", "uni/tn-a/BD-b").attr("name", "b");
        client.post(body);
        client.getClassObjects("fvSubnet", ApicQuery.create().filter(ApicQuery.eq("fvSubnet", "ip", "1:2::1/64")));
        assertThat(t.paths()).noneMatch(p -> p.contains("aaaLogin"));
        for (HttpCall call : t.calls) {
            String cookie = call.headers().get("Cookie");
            assertThat(cookie).contains("APIC-Certificate-Algorithm=v1.0", "APIC-Certificate-Fingerprint=fingerprint",
                    "APIC-Certificate-DN=uni/userext/user-kube/usercert-kube.crt");
            String sig = cookie.replaceAll(".*APIC-Request-Signature=([^;]+).*", "$1");
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(kp.getPublic());
            v.update((call.method() + call.pathAndQuery()).getBytes(StandardCharsets.UTF_8));
            if (call.body() != null) {
                v.update(call.body());
            }
            assertThat(v.verify(Base64.getDecoder().decode(sig))).as(call.toString()).isTrue();
        }
        assertThat(t.calls.get(1).pathAndQuery())
                .isEqualTo("/api/class/fvSubnet.json?query-target-filter=eq(fvSubnet.ip,\"1:2::1/64\")");
    }

    @Test
    void rateLimiterSpacesRequestsBeyondTheBurst() throws InterruptedException {
        long[] clock = {0};
        List<Duration> waits = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(10, 2, () -> clock[0], waits::add);
        limiter.acquire();
        limiter.acquire();
        assertThat(waits).isEmpty();
        limiter.acquire();
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void transportEncodesBracketsAndQuotesOnly() {
        HttpCall call = new HttpCall("https://[fd00::1]:8443", "GET",
                "/api/mo/uni/tn-a/BD-b/subnet-[1:2::1/64].json?query-target-filter=and(wcard(fvSubnet.dn,\"a/|b/\"))",
                null, java.util.Map.of(), Duration.ofSeconds(1));
        assertThat(JdkHttpTransport.toUri(call).toASCIIString()).isEqualTo("https://[fd00::1]:8443"
                + "/api/mo/uni/tn-a/BD-b/subnet-%5B1:2::1/64%5D.json?query-target-filter=and(wcard(fvSubnet.dn,%22a/%7Cb/%22))");
    }
}
