package io.acicni.testkit.apic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acicni.apic.client.ApicAuthenticationException;
import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.ApicCredentials;
import io.acicni.apic.client.ApicException;
import io.acicni.apic.client.ApicProtocolException;
import io.acicni.apic.client.ApicQuery;
import io.acicni.apic.client.ApicTransport;
import io.acicni.apic.client.ApicUnavailableException;
import io.acicni.apic.client.CertificateCredentials;
import io.acicni.apic.client.HttpResult;
import io.acicni.apic.client.JdkHttpTransport;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.RetryPolicy;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.ApicResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's auth, retry, failover and error handling against the emulator. */
class ApicClientAgainstEmulatorTest {

    static final String PASSWORD = "Sup3r-Secret-Pw!";
    static ApicEmulator apic;
    static KeyAndCertificate kube;
    final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void start() {
        apic = ApicEmulator.builder().user("admin", PASSWORD).build().start();
        kube = TestCertificates.user("kube");
        apic.addCertificateUser("kube", "kube.crt", kube.certificatePem());
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
        // the first exchange of a JVM pays for TLS and JIT warm-up; keep that out of the tests' timings
        try (ApicClient warm = new ApicClient(ApicClientConfig.builder().host(apic.url())
                .tls(TlsSettings.caBundlePem(apic.certificatePem())).credentials(admin()).build())) {
            warm.firmwareVersion();
        }
    }

    @AfterAll
    static void stop() {
        apic.stop();
    }

    @AfterEach
    void clearFaults() {
        apic.faults().clear();
        if (!apic.isUp()) {
            apic.faults().comeBack();
        }
    }

    private ApicClient client(ApicCredentials credentials, int maxRetries, String... hosts) {
        return client(credentials, maxRetries, TlsSettings.caBundlePem(apic.certificatePem()), hosts);
    }

    private ApicClient client(ApicCredentials credentials, int maxRetries, TlsSettings tls, String... hosts) {
        ApicClientConfig.Builder b = ApicClientConfig.builder().credentials(credentials).tls(tls)
                .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(10))
                .retry(new RetryPolicy(maxRetries, Duration.ofMillis(20), Duration.ofMillis(200), 0))
                .rateLimit(1000, 1000);
        for (String h : hosts.length == 0 ? new String[] {apic.url()} : hosts) {
            b.host(h);
        }
        ApicClientConfig config = b.build();
        JdkHttpTransport inner = new JdkHttpTransport(tls, config.connectTimeout());
        // remembers every token the APIC hands out, to prove none of them is ever logged
        ApicTransport recording = call -> {
            HttpResult r = inner.send(call);
            if (call.pathAndQuery().contains("aaaLogin") && r.status() == 200) {
                tokens.add(ApicResponse.parse(r.bodyText()).imdata().get(0).attribute("token"));
            }
            return r;
        };
        return new ApicClient(config, recording);
    }

    private static PasswordCredentials admin() {
        return new PasswordCredentials("admin", PASSWORD.toCharArray());
    }

    private static ApicObject bd(String name, String... subnets) {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-" + name).attr("name", name);
        for (String s : subnets) {
            bd.child(ApicObject.of("fvSubnet").attr("ip", s));
        }
        return bd;
    }

    @Test
    void passwordLoginThenReadsAndWritesOnOneSession() {
        try (ApicClient c = client(admin(), 0)) {
            int logins = apic.loginCount();
            c.post(bd("pw", "10.2.0.1/24", "1:2:1:1::1/64"));
            ApicObject got = c.getSubtree("uni/tn-kube/BD-pw").orElseThrow();
            assertThat(got.children()).extracting(o -> o.attribute("ip"))
                    .containsExactlyInAnyOrder("10.2.0.1/24", "1:2:1:1::1/64");
            assertThat(c.firmwareVersion()).isEqualTo(ApicEmulator.VERSION);
            List<ApicObject> v6 = c.getClassObjects("fvSubnet", ApicQuery.create()
                    .filter(ApicQuery.and(ApicQuery.wcard("fvSubnet.dn".split("\\.")[0], "dn", "BD-pw/"),
                            ApicQuery.eq("fvSubnet", "ip", "1:2:1:1::1/64"))));
            assertThat(v6).extracting(o -> o.attribute("dn")).containsExactly("uni/tn-kube/BD-pw/subnet-[1:2:1:1::1/64]");
            c.delete("uni/tn-kube/BD-pw");
            assertThat(apic.exists("uni/tn-kube/BD-pw")).isFalse();
            assertThat(apic.loginCount() - logins).isEqualTo(1);
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutThePassword() {
        try (ApicClient c = client(new PasswordCredentials("admin", "Wr0ng-Guess-123".toCharArray()), 0)) {
            assertThatThrownBy(() -> c.getMo("uni/tn-kube", ApicQuery.create()))
                    .isInstanceOfSatisfying(ApicAuthenticationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.apicCode()).isEqualTo("401");
                    })
                    .hasMessageNotContaining("Wr0ng-Guess-123");
        }
    }

    @Test
    void certificateSignatureAuthEndToEnd() {
        ApicClient c = client(CertificateCredentials.fromPem("kube", kube.privateKeyPem()), 0);
        int logins = apic.loginCount();
        c.login();
        c.post(bd("cert", "10.9.0.1/24", "fd00:9::1/64"));
        // a query with quotes, brackets and a pipe: the signature covers it exactly
        List<ApicObject> found = c.getClassObjects("fvSubnet", ApicQuery.create().rspSubtree("children")
                .filter(ApicQuery.and(ApicQuery.wcard("fvSubnet", "dn", "BD-cert/|BD-none/"))));
        assertThat(found).hasSize(2);
        assertThat(c.getSubtree("uni/tn-kube/BD-cert/subnet-[fd00:9::1/64]")).isPresent();
        assertThat(apic.loginCount()).isEqualTo(logins);

        KeyAndCertificate stranger = TestCertificates.user("kube");
        ApicClient wrongKey = client(CertificateCredentials.fromPem("kube", stranger.privateKeyPem()), 0);
        assertThatThrownBy(() -> wrongKey.getMo("uni/tn-kube", ApicQuery.create()))
                .isInstanceOfSatisfying(ApicAuthenticationException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    }

    @Test
    void expiredTokenMeansOneReLoginAndTheRequestSucceeds() {
        try (ApicClient c = client(admin(), 0)) {
            c.getMo("uni/tn-kube", ApicQuery.create());
            int logins = apic.loginCount();
            apic.faults().expireAllTokens();
            assertThat(c.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
            assertThat(apic.loginCount()).isEqualTo(logins + 1);
        }
    }

    @Test
    void http503IsRetriedWithBackoffThenSucceeds() {
        try (ApicClient c = client(admin(), 4)) {
            c.getMo("uni/tn-kube", ApicQuery.create());
            apic.faults().failNext(3, 503);
            int before = apic.requests().size();
            assertThat(c.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
            assertThat(apic.requests().subList(before, apic.requests().size()))
                    .extracting(r -> r.status()).containsExactly(503, 503, 503, 200);
            apic.faults().failNext(10, 503);
            assertThatThrownBy(() -> c.getMo("uni/tn-kube", ApicQuery.create()))
                    .isInstanceOfSatisfying(ApicUnavailableException.class, e -> assertThat(e.httpStatus()).isEqualTo(503))
                    .hasMessageContaining("failed 5 times");
        }
    }

    @Test
    void garbageIsAClearProtocolErrorAndTheNextCallWorks() {
        try (ApicClient c = client(admin(), 2)) {
            c.getMo("uni/tn-kube", ApicQuery.create());
            apic.faults().answerGarbage(1);
            assertThatThrownBy(() -> c.getMo("uni/tn-kube", ApicQuery.create()))
                    .isInstanceOf(ApicProtocolException.class)
                    .hasMessageContaining("not an APIC JSON answer")
                    .hasMessageContaining("GET /api/mo/uni/tn-kube.json");
            assertThat(c.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
        }
    }

    @Test
    void apicErrorsCarryStatusCodeAndText() {
        try (ApicClient c = client(admin(), 0)) {
            assertThatThrownBy(() -> c.post(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-x").attr("arpFlood", "maybe")))
                    .isInstanceOfSatisfying(ApicException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.apicCode()).isEqualTo("801");
                        assertThat(e.apicText()).contains("arpFlood");
                    });
        }
    }

    @Test
    void connectionFailureFailsOverToTheSecondHost() {
        ApicEmulator second = ApicEmulator.builder().sharingStateWith(apic).build().start();
        try (ApicClient c = client(admin(), 3, apic.url(), second.url())) {
            c.getMo("uni/tn-kube", ApicQuery.create());
            apic.faults().goDown();
            assertThat(c.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
            assertThat(c.currentHost()).isEqualTo(second.url());
        } finally {
            second.stop();
        }
    }

    @Test
    void apicDownThenBackIsRiddenOutByRetries() throws Exception {
        try (ApicClient c = client(admin(), 8)) {
            c.getMo("uni/tn-kube", ApicQuery.create());
            apic.faults().goDown();
            Thread back = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                apic.faults().comeBack();
            });
            back.start();
            assertThat(c.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
            back.join();
        }
    }

    @Test
    void tlsIsVerifiedByDefaultAndTurningItOffWarns() {
        ApicClient strict = client(admin(), 0, TlsSettings.systemDefault());
        assertThatThrownBy(() -> strict.getMo("uni/tn-kube", ApicQuery.create()))
                .isInstanceOf(ApicUnavailableException.class).hasMessageContaining("SSLHandshakeException");
        try (LogCapture logs = new LogCapture()) {
            try (ApicClient lax = client(admin(), 0, TlsSettings.insecureTrustAll())) {
                assertThat(lax.getMo("uni/tn-kube", ApicQuery.create())).hasSize(1);
            }
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARNING").contains("DISABLED"));
        }
    }

    @Test
    void secretsNeverAppearInLogsOrExceptions() {
        StringBuilder seen = new StringBuilder();
        try (LogCapture logs = new LogCapture()) {
            try (ApicClient c = client(admin(), 3)) {
                c.getMo("uni/tn-kube", ApicQuery.create());
                apic.faults().expireAllTokens();
                c.getMo("uni/tn-kube", ApicQuery.create());
                apic.faults().failNext(2, 503);
                c.getMo("uni/tn-kube", ApicQuery.create());
                apic.faults().answerGarbage(1);
                record(seen, () -> c.getMo("uni/tn-kube", ApicQuery.create()));
                // an APIC error about a posted user must not echo its password either
                record(seen, () -> c.post(ApicObject.of("aaaUser").attr("dn", "uni/userext/user-x").attr("name", "x")
                        .attr("pwd", "Us3r-Pw-To-Hide").attr("bogusAttr", "Us3r-Pw-To-Hide")));
            }
            try (ApicClient bad = client(new PasswordCredentials("admin", "An0ther-Wrong-Pw".toCharArray()), 0)) {
                record(seen, () -> bad.getMo("uni/tn-kube", ApicQuery.create()));
            }
            ApicClient cert = client(CertificateCredentials.fromPem("kube", kube.privateKeyPem()), 0);
            cert.getMo("uni/tn-kube", ApicQuery.create());
            seen.append(logs.text()).append(cert).append(admin());
        }
        String all = seen.toString();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all).contains("not an APIC JSON answer").contains("retry");
        assertThat(all).doesNotContain(PASSWORD).doesNotContain("An0ther-Wrong-Pw").doesNotContain("Us3r-Pw-To-Hide");
        for (String t : tokens) {
            assertThat(all).doesNotContain(t);
        }
        String keyBody = kube.privateKeyPem().split("\n")[1];
        assertThat(all).doesNotContain(keyBody);
    }

    private static void record(StringBuilder out, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            out.append(sw).append('\n');
        }
    }
}
