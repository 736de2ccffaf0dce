package io.acicni.apic.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A scripted transport: a function decides each answer; every call is recorded. */
final class FakeTransport implements ApicTransport {

    interface Answer {
        HttpResult answer(HttpCall call) throws IOException;
    }

    final List<HttpCall> calls = new ArrayList<>();
    private final Answer answer;

    FakeTransport(Answer answer) {
        this.answer = answer;
    }

    @Override
    public HttpResult send(HttpCall call) throws IOException {
        // copy the body: the client wipes login bodies once they are sent
        calls.add(new HttpCall(call.baseUrl(), call.method(), call.pathAndQuery(),
                call.body() == null ? null : call.body().clone(), call.headers(), call.timeout()));
        return answer.answer(call);
    }

    static HttpResult json(int status, String body) {
        return new HttpResult(status, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResult login(String token, int refreshSeconds) {
        return json(200, "{\"totalCount\":\"1\",\"imdata\":[{\"aaaLogin\":{\"attributes\":{\"token\":\"" + token
                + "\",\"refreshTimeoutSeconds\":\"" + refreshSeconds + "\",\"maximumLifetimeSeconds\":\"86400\"}}}]}");
    }

    static HttpResult empty() {
        return json(200, "{\"totalCount\":\"0\",\"imdata\":[]}");
    }

    List<String> paths() {
        List<String> out = new ArrayList<>();
        for (HttpCall c : calls) {
            out.add(c.method() + " " + c.pathAndQuery());
        }
        return out;
    }

    static Function<HttpCall, Boolean> isLogin() {
        return c -> c.pathAndQuery().equals("/api/aaaLogin.json");
    }
}
