package io.acicni.testkit.apic;

import static org.assertj.core.api.Assertions.assertThat;

import io.acicni.apic.client.HttpResult;
import io.acicni.apic.model.ApicError;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.ApicResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's side of the contract (reference §7), at the HTTP level. */
class ApicEmulatorTest {

    private static ApicEmulator apic;
    private static RawApic raw;

    @BeforeAll
    static void start() throws IOException {
        apic = ApicEmulator.builder().user("admin", "noir0123").build().start();
        raw = new RawApic(apic).login("admin", "noir0123");
    }

    @AfterAll
    static void stop() {
        apic.stop();
    }

    @BeforeEach
    void tenant() throws IOException {
        apic.faults().clear();
        raw.call("DELETE", "/api/mo/uni/tn-t.json", null);
        assertThat(raw.call("POST", "/api/mo/uni/tn-t.json",
                "{\"fvTenant\":{\"attributes\":{\"name\":\"t\"},\"children\":[{\"fvBD\":{\"attributes\":{\"name\":\"bd\"},"
                + "\"children\":[{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.2.0.1/24\"}}},"
                + "{\"fvSubnet\":{\"attributes\":{\"ip\":\"1:2:1:1::1/64\",\"ctrl\":\"nd\"},\"children\":"
                + "[{\"fvRsNdPfxPol\":{\"attributes\":{\"tnNdPfxPolName\":\"pol\"}}}]}}]}},"
                + "{\"ndPfxPol\":{\"attributes\":{\"name\":\"pol\",\"ctrl\":\"on-link,router-address\"}}}]}}").status())
                .isEqualTo(200);
    }

    private static ApicResponse ok(HttpResult r) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        return ApicResponse.parse(r.bodyText());
    }

    private static ApicError error(HttpResult r, int status) {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        return ApicResponse.parse(r.bodyText()).error().orElseThrow();
    }

    @Test
    void passwordLoginSetsTheCookieAndBadPasswordsGet401() throws IOException {
        HttpResult r = raw.send("POST", "/api/aaaLogin.json",
                "{\"aaaUser\":{\"attributes\":{\"name\":\"admin\",\"pwd\":\"noir0123\"}}}", null);
        ApicObject login = ok(r).imdata().get(0);
        assertThat(login.className()).isEqualTo("aaaLogin");
        assertThat(r.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("APIC-cookie=" + login.attribute("token")));
        assertThat(login.attribute("refreshTimeoutSeconds")).isEqualTo("600");
        HttpResult bad = raw.send("POST", "/api/aaaLogin.json",
                "{\"aaaUser\":{\"attributes\":{\"name\":\"admin\",\"pwd\":\"wrong\"}}}", null);
        assertThat(error(bad, 401).code()).isEqualTo("401");
    }

    @Test
    void missingOrExpiredTokensGet403TokenInvalid() throws IOException {
        ApicError e = error(raw.send("GET", "/api/mo/uni/tn-t.json", null, null), 403);
        assertThat(e).isEqualTo(new ApicError("403", "Token was invalid (Error: Token timeout)"));
        RawApic other = new RawApic(apic).login("admin", "noir0123");
        apic.faults().expireAllTokens();
        assertThat(error(other.call("GET", "/api/mo/uni/tn-t.json", null), 403).text()).startsWith("Token was invalid");
        // cookie name is case-insensitive (acc-provision sends APIC-Cookie)
        other.login("admin", "noir0123");
        assertThat(other.send("GET", "/api/mo/uni/tn-t.json", null, "APIC-Cookie=" + other.token).status()).isEqualTo(200);
        raw.login("admin", "noir0123");
    }

    @Test
    void attributesAfterChildrenUnknownClassAndBadValuesAre400() throws IOException {
        ApicError order = error(raw.call("POST", "/api/mo/uni/tn-t.json",
                "{\"fvTenant\":{\"children\":[],\"attributes\":{\"name\":\"t\"}}}"), 400);
        assertThat(order.code()).isEqualTo("400");
        assertThat(order.text()).contains("tag 'attributes' must be specified first");
        assertThat(error(raw.call("POST", "/api/mo/uni/tn-t.json", "{\"fooBar\":{\"attributes\":{}}}"), 400))
                .isEqualTo(new ApicError("122", "unknown managed object class fooBar"));
        ApicError bad = error(raw.call("POST", "/api/mo/uni/tn-t/BD-bd.json",
                "{\"fvBD\":{\"attributes\":{\"arpFlood\":\"maybe\"}}}"), 400);
        assertThat(bad.code()).isEqualTo("801");
        assertThat(bad.text()).isEqualTo("property arpFlood of uni/tn-t/BD-bd failed validation for value 'maybe'");
        assertThat(error(raw.call("POST", "/api/mo/uni/tn-t/BD-bd.json",
                "{\"fvBD\":{\"attributes\":{\"noSuchAttr\":\"x\"}}}"), 400).text()).contains("noSuchAttr");
        assertThat(error(raw.call("POST", "/api/mo/uni/tn-t/BD-bd.json",
                "{\"fvBD\":{\"attributes\":{},\"children\":[{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.0.0.1/24\",\"ctrl\":\"bogus\"}}}]}}"),
                400).code()).isEqualTo("801");
        assertThat(error(raw.call("GET", "/api/class/noSuchClass.json", null), 400).code()).isEqualTo("122");
        // a refused request changes nothing
        assertThat(apic.exists("uni/tn-t/BD-bd/subnet-[10.0.0.1/24]")).isFalse();
        assertThat(error(raw.call("POST", "/api/mo/uni/tn-missing/BD-x.json",
                "{\"fvBD\":{\"attributes\":{\"name\":\"x\"}}}"), 400).text()).contains("parent");
    }

    @Test
    void postMergesAndNeverDeletesImplicitly() throws IOException {
        ok(raw.call("POST", "/api/mo/uni/tn-t/BD-bd.json",
                "{\"fvBD\":{\"attributes\":{\"dn\":\"uni/tn-t/BD-bd\",\"arpFlood\":\"yes\"},\"children\":"
                + "[{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.3.0.1/24\",\"pref\":1}}}]}}".replace(",\"pref\":1", "")));
        ApicObject bd = apic.object("uni/tn-t/BD-bd").orElseThrow();
        assertThat(bd.attribute("arpFlood")).isEqualTo("yes");
        assertThat(bd.attribute("name")).isEqualTo("bd");
        assertThat(bd.children()).extracting(c -> c.attribute("rn"))
                .contains("subnet-[10.2.0.1/24]", "subnet-[1:2:1:1::1/64]", "subnet-[10.3.0.1/24]");
        ApicObject v6 = apic.object("uni/tn-t/BD-bd/subnet-[1:2:1:1::1/64]").orElseThrow();
        assertThat(v6.attribute("ctrl")).isEqualTo("nd");
        assertThat(v6.children().get(0).attribute("tDn")).isEqualTo("uni/tn-t/ndPfxPol-pol");
        // posting to the parent URL creates the child (acc-provision style)
        ok(raw.call("POST", "/api/mo/uni/tn-t/BD-bd.json", "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.4.0.1/24\"}}}"));
        assertThat(apic.exists("uni/tn-t/BD-bd/subnet-[10.4.0.1/24]")).isTrue();
    }

    @Test
    void statusCreatedModifiedDeleted() throws IOException {
        String sub = "/api/mo/uni/tn-t/BD-bd/subnet-[10.2.0.1/24].json";
        assertThat(error(raw.call("POST", sub, "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.2.0.1/24\",\"status\":\"created\"}}}"),
                400).text()).contains("already exists");
        ok(raw.call("POST", sub, "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.2.0.1/24\",\"status\":\"modified\",\"scope\":\"public\"}}}"));
        assertThat(apic.object("uni/tn-t/BD-bd/subnet-[10.2.0.1/24]").orElseThrow().attribute("scope")).isEqualTo("public");
        assertThat(error(raw.call("POST", "/api/mo/uni/tn-t/BD-bd/subnet-[10.8.0.1/24].json",
                "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.8.0.1/24\",\"status\":\"modified\"}}}"), 400).code()).isEqualTo("100");
        ok(raw.call("POST", sub, "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.2.0.1/24\",\"status\":\"deleted\"}}}"));
        assertThat(apic.exists("uni/tn-t/BD-bd/subnet-[10.2.0.1/24]")).isFalse();
        // deleting what does not exist is fine, both ways
        ok(raw.call("POST", sub, "{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.2.0.1/24\",\"status\":\"deleted\"}}}"));
        ok(raw.call("DELETE", "/api/mo/uni/tn-t/BD-nothing.json", null));
    }

    @Test
    void deleteRemovesTheSubtree() throws IOException {
        ok(raw.call("DELETE", "/api/mo/uni/tn-t/BD-bd.json", null));
        assertThat(apic.exists("uni/tn-t/BD-bd")).isFalse();
        assertThat(apic.exists("uni/tn-t/BD-bd/subnet-[1:2:1:1::1/64]/rsNdPfxPol")).isFalse();
        assertThat(apic.exists("uni/tn-t/ndPfxPol-pol")).isTrue();
    }

    @Test
    void queryTargetsSubtreeClassesAndResponseSubtrees() throws IOException {
        assertThat(ok(raw.call("GET", "/api/mo/uni/tn-nothing.json", null)).imdata()).isEmpty();
        List<ApicObject> self = ok(raw.call("GET", "/api/node/mo/uni/tn-t/BD-bd.json?query-target=self", null)).imdata();
        assertThat(self).singleElement().satisfies(o -> {
            assertThat(o.attribute("dn")).isEqualTo("uni/tn-t/BD-bd");
            assertThat(o.children()).isEmpty();
        });
        List<ApicObject> children = ok(raw.call("GET",
                "/api/mo/uni/tn-t/BD-bd.json?query-target=children&target-subtree-class=fvSubnet", null)).imdata();
        assertThat(children).extracting(o -> o.attribute("dn")).containsExactlyInAnyOrder(
                "uni/tn-t/BD-bd/subnet-[1:2:1:1::1/64]", "uni/tn-t/BD-bd/subnet-[10.2.0.1/24]");
        List<ApicObject> subtree = ok(raw.call("GET",
                "/api/mo/uni/tn-t.json?query-target=subtree&target-subtree-class=fvRsNdPfxPol,ndPfxPol", null)).imdata();
        assertThat(subtree).extracting(ApicObject::className).containsExactlyInAnyOrder("fvRsNdPfxPol", "ndPfxPol");
        ApicObject full = ok(raw.call("GET", "/api/mo/uni/tn-t.json?rsp-subtree=full&rsp-subtree-class=fvBD,fvSubnet", null))
                .imdata().get(0);
        assertThat(full.children()).extracting(ApicObject::className).containsExactly("fvBD");
        assertThat(full.children().get(0).children()).hasSize(2)
                .allSatisfy(s -> assertThat(s.children()).isEmpty());
        ApicObject oneLevel = ok(raw.call("GET", "/api/mo/uni/tn-t.json?rsp-subtree=children&", null)).imdata().get(0);
        assertThat(oneLevel.children()).extracting(ApicObject::className).containsExactly("fvBD", "ndPfxPol");
        assertThat(oneLevel.children().get(0).children()).isEmpty();
        assertThat(oneLevel.children().get(0).attribute("rn")).isEqualTo("BD-bd");
    }

    @Test
    void filtersEqAndWcard() throws IOException {
        List<ApicObject> eq = ok(raw.call("GET",
                "/api/node/class/fvSubnet.json?query-target-filter=eq(fvSubnet.ip,\"1:2:1:1::1/64\")", null)).imdata();
        assertThat(eq).extracting(o -> o.attribute("dn")).containsExactly("uni/tn-t/BD-bd/subnet-[1:2:1:1::1/64]");
        List<ApicObject> and = ok(raw.call("GET",
                "/api/class/fvSubnet.json?rsp-prop-include=config-only&query-target-filter=and(wcard(fvSubnet.dn,\"tn-t/|tn-other/\"),eq(fvSubnet.ctrl,\"nd\"))",
                null)).imdata();
        assertThat(and).hasSize(2);
        List<ApicObject> none = ok(raw.call("GET",
                "/api/class/fvSubnet.json?query-target-filter=and(wcard(fvSubnet.dn,\"tn-nope/\"))", null)).imdata();
        assertThat(none).isEmpty();
        assertThat(error(raw.call("GET", "/api/class/fvSubnet.json?query-target-filter=eq(fvSubnet.ip", null), 400).text())
                .contains("filter");
        assertThat(ok(raw.call("GET", "/api/node/class/firmwareCtrlrRunning.json?&", null)).imdata().get(0)
                .attribute("version")).isEqualTo(ApicEmulator.VERSION);
    }

    @Test
    void faultsAnswer503GarbageAndGoDown() throws IOException {
        apic.faults().failNext(1, 503);
        assertThat(raw.call("GET", "/api/mo/uni/tn-t.json", null).status()).isEqualTo(503);
        apic.faults().answerGarbage(1);
        HttpResult g = raw.call("GET", "/api/mo/uni/tn-t.json", null);
        assertThat(g.status()).isEqualTo(200);
        assertThat(g.bodyText()).doesNotStartWith("{");
        assertThat(ok(raw.call("GET", "/api/mo/uni/tn-t.json", null)).imdata()).hasSize(1);
        apic.faults().goDown();
        try {
            assertThat(apic.isUp()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> raw.call("GET", "/api/mo/uni/tn-t.json", null))
                    .isInstanceOf(IOException.class);
        } finally {
            apic.faults().comeBack();
        }
        assertThat(ok(raw.call("GET", "/api/mo/uni/tn-t.json", null)).imdata()).hasSize(1);
        assertThat(apic.requestCount("GET")).isGreaterThan(0);
        apic.faults().rejectWritesUnder("uni/tn-t/BD-bd", "182", "Multiple fallback routes not allowed in one group.");
        assertThat(error(raw.call("DELETE", "/api/mo/uni/tn-t/BD-bd/subnet-[10.2.0.1/24].json", null), 400).code())
                .isEqualTo("182");
        ok(raw.call("DELETE", "/api/mo/uni/tn-t/ndPfxPol-pol.json", null));
        assertThat(apic.exists("uni/tn-t/BD-bd/subnet-[10.2.0.1/24]")).isTrue();
    }

    @Test
    void unencodedRequestTargetsAreAcceptedAsAciContainersSendsThem() throws Exception {
        // HttpURLConnection writes the URL's path and query verbatim: raw [ ] " | on the wire
        java.net.URL url = new java.net.URL(apic.url()
                + "/api/node/class/fvSubnet.json?query-target-filter=and(wcard(fvSubnet.dn,\"tn-t/|tn-x/\"))&rsp-subtree-class=,tagAnnotation");
        javax.net.ssl.HttpsURLConnection c = (javax.net.ssl.HttpsURLConnection) url.openConnection();
        c.setSSLSocketFactory(io.acicni.apic.client.TlsSettings.caBundlePem(apic.certificatePem()).sslContext()
                .getSocketFactory());
        c.setRequestProperty("Cookie", "APIC-cookie=" + raw.token);
        assertThat(c.getResponseCode()).isEqualTo(200);
        String body = new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ApicResponse.parse(body).imdata()).hasSize(2);
        java.net.URL mo = new java.net.URL(apic.url() + "/api/mo/uni/tn-t/BD-bd/subnet-[1:2:1:1::1/64].json");
        javax.net.ssl.HttpsURLConnection m = (javax.net.ssl.HttpsURLConnection) mo.openConnection();
        m.setSSLSocketFactory(c.getSSLSocketFactory());
        m.setRequestProperty("Cookie", "APIC-cookie=" + raw.token);
        String moBody = new String(m.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ApicResponse.parse(moBody).imdata()).singleElement()
                .satisfies(o -> assertThat(o.attribute("ctrl")).isEqualTo("nd"));
    }
}
