package io.acicni.testkit.apic;

import io.acicni.apic.model.ApicError;
import io.acicni.apic.model.ApicJson;
import io.acicni.apic.model.ApicJsonException;
import io.acicni.apic.model.ApicObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Routes one request to login, reads and writes, applying the configured faults first. */
final class RequestHandler {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());
    private static final String GARBAGE = "<html><body>upstream hiccup {\"imdata\": [";

    private final EmulatorState state;
    private final FaultInjector faults;

    RequestHandler(EmulatorState state, FaultInjector faults) {
        this.state = state;
        this.faults = faults;
    }

    EmulatorResponse handle(EmulatorRequest req) throws InterruptedException {
        try {
            Duration delay = faults.currentDelay();
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            int forced = faults.takeFailure();
            if (forced != 0) {
                return EmulatorResponse.raw(forced, "text/html", "<html><body><h1>" + forced + "</h1></body></html>");
            }
            if (faults.takeGarbage()) {
                return EmulatorResponse.raw(200, "application/json", GARBAGE);
            }
            return route(req);
        } catch (ApicRequestError e) {
            return EmulatorResponse.error(e.status, e.error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "APIC emulator failed on " + req.method() + " " + req.path(), e);
            return EmulatorResponse.error(500, new ApicError("500", "emulator internal error: "
                    + e.getClass().getSimpleName()));
        }
    }

    private EmulatorResponse route(EmulatorRequest req) {
        String path = req.path();
        if (!path.startsWith("/api/")) {
            throw new ApicRequestError(400, "400", "unknown API path " + path);
        }
        String rest = path.substring("/api/".length());
        if (rest.startsWith("node/")) {
            rest = rest.substring("node/".length());
        }
        String method = req.method();
        switch (rest) {
            case "aaaLogin.json":
                return login(req);
            case "aaaRefresh.json":
                synchronized (state) {
                    return EmulatorResponse.json(200, List.of(state.authenticator().refresh(req, state.tree())));
                }
            case "aaaLogout.json":
                state.authenticator().logout(req);
                return EmulatorResponse.json(200, List.of());
            case "webtokenSession.json":
                synchronized (state) {
                    String token = state.authenticator().webToken(req, state.tree());
                    return EmulatorResponse.json(200, List.of(ApicObject.of("webtokenSession").attr("token", token)));
                }
            case "subscriptionRefresh.json":
                authenticate(req);
                return EmulatorResponse.raw(200, "application/json", "{}");
            default:
                break;
        }
        if (!rest.endsWith(".json")) {
            throw new ApicRequestError(400, "400", "only .json requests are supported by the emulator: " + path);
        }
        authenticate(req);
        if (rest.startsWith("mo/")) {
            String dn = rest.substring("mo/".length(), rest.length() - ".json".length());
            if (!method.equals("GET")) {
                faults.checkWrite(dn);
            }
            synchronized (state) {
                switch (method) {
                    case "GET":
                        return EmulatorResponse.json(200, state.queries().mo(dn, req.params()));
                    case "POST":
                        state.writer().post(dn, req.body());
                        return EmulatorResponse.json(200, List.of());
                    case "DELETE":
                        state.writer().delete(dn);
                        return EmulatorResponse.json(200, List.of());
                    default:
                        throw new ApicRequestError(400, "400", "method " + method + " not supported");
                }
            }
        }
        if (rest.startsWith("class/") && method.equals("GET")) {
            String cls = rest.substring("class/".length(), rest.length() - ".json".length());
            synchronized (state) {
                return EmulatorResponse.json(200, state.queries().byClass(cls, req.params()));
            }
        }
        throw new ApicRequestError(400, "400", "unknown API path " + path);
    }

    private void authenticate(EmulatorRequest req) {
        synchronized (state) {
            state.authenticator().authenticate(req, state.tree());
        }
    }

    private EmulatorResponse login(EmulatorRequest req) {
        ApicObject user;
        try {
            user = ApicJson.readObject(req.body());
        } catch (ApicJsonException e) {
            throw new ApicRequestError(400, "400", "invalid login request: " + e.getMessage());
        }
        if (!user.className().equals("aaaUser")) {
            throw new ApicRequestError(400, "400", "login needs an aaaUser object");
        }
        String name = Objects.requireNonNullElse(user.attribute("name"), "");
        String pwd = Objects.requireNonNullElse(user.attribute("pwd"), "");
        String token;
        synchronized (state) {
            token = state.authenticator().login(name, pwd, state.tree());
        }
        return EmulatorResponse.json(200, List.of(state.authenticator().loginObject(token, name)))
                .withHeader("Set-Cookie", "APIC-cookie=" + token + "; path=/; HttpOnly; Secure");
    }
}
