package io.acicni.testkit.apic;

import io.acicni.apic.client.HttpCall;
import io.acicni.apic.client.HttpResult;
import io.acicni.apic.client.JdkHttpTransport;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.model.ApicResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Speaks to the emulator at the HTTP level, for protocol tests the typed client would not send. */
final class RawApic {

    private final ApicEmulator apic;
    private final JdkHttpTransport transport;
    String token;

    RawApic(ApicEmulator apic) {
        this.apic = apic;
        this.transport = new JdkHttpTransport(TlsSettings.caBundlePem(apic.certificatePem()), Duration.ofSeconds(10));
    }

    HttpResult send(String method, String pathAndQuery, String body, String cookie) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return transport.send(new HttpCall(apic.url(), method, pathAndQuery,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers, Duration.ofSeconds(10)));
    }

    RawApic login(String user, String password) throws IOException {
        HttpResult r = send("POST", "/api/aaaLogin.json",
                "{\"aaaUser\":{\"attributes\":{\"name\":\"" + user + "\",\"pwd\":\"" + password + "\"}}}", null);
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status());
        }
        token = ApicResponse.parse(r.bodyText()).imdata().get(0).attribute("token");
        return this;
    }

    HttpResult call(String method, String pathAndQuery, String body) throws IOException {
        return send(method, pathAndQuery, body, "APIC-cookie=" + token);
    }
}
