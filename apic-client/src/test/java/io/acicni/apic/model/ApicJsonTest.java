package io.acicni.apic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApicJsonTest {

    @Test
    void writesAttributesBeforeChildrenAndOmitsEmptyChildren() {
        ApicObject bd = ApicObject.of("fvBD").attr("name", "b")
                .child(ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24"));
        assertThat(ApicJson.write(bd)).isEqualTo(
                "{\"fvBD\":{\"attributes\":{\"name\":\"b\"},\"children\":[{\"fvSubnet\":{\"attributes\":{\"ip\":\"10.0.0.1/24\"}}}]}}");
    }

    @Test
    void childrenBeforeAttributesIsReportedAsApicDoes() {
        String json = "{\"fvBD\":{\"children\":[],\"attributes\":{\"name\":\"b\"}}}";
        assertThatThrownBy(() -> ApicJson.readObject(json)).isInstanceOfSatisfying(ApicJsonException.class,
                e -> assertThat(e.isAttributesNotFirst()).isTrue())
                .hasMessageContaining("tag 'attributes' must be specified first");
    }

    @Test
    void nonStringValuesAreStoredAsStrings() {
        ApicObject o = ApicJson.readObject("{\"ipNexthopP\":{\"attributes\":{\"pref\":1,\"x\":true}}}");
        assertThat(o.attributes()).containsExactly(Map.entry("pref", "1"), Map.entry("x", "true"));
    }

    @Test
    void envelopeAndErrorsParse() {
        ApicResponse ok = ApicResponse.parse("{\"totalCount\":\"1\",\"imdata\":[{\"fvTenant\":{\"attributes\":{\"dn\":\"uni/tn-a\"}}}]}");
        assertThat(ok.error()).isEmpty();
        assertThat(ok.imdata()).hasSize(1);
        ApicResponse err = ApicResponse.parse(ApicJson.writeError(new ApicError("122", "unknown managed object class foo")));
        assertThat(err.error()).contains(new ApicError("122", "unknown managed object class foo"));
        assertThat(ApicJson.writeEnvelope(List.of(), Map.of())).isEqualTo("{\"totalCount\":\"0\",\"imdata\":[]}");
    }

    @Test
    void garbageIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> ApicResponse.parse("<html>secret-token-123 {"))
                .isInstanceOf(ApicJsonException.class)
                .hasMessageContaining("not JSON")
                .hasMessageNotContaining("secret-token-123");
        assertThatThrownBy(() -> ApicResponse.parse("{\"foo\":1}")).hasMessageContaining("imdata");
        assertThatThrownBy(() -> ApicJson.readObject("{\"a\":{},\"b\":{}}")).isInstanceOf(ApicJsonException.class);
    }

    @Test
    void toStringNeverPrintsAttributeValues() {
        ApicObject user = ApicObject.of("aaaUser").attr("dn", "uni/userext/user-kube").attr("pwd", "s3cr3t-pw");
        assertThat(user.toString()).contains("uni/userext/user-kube").doesNotContain("s3cr3t-pw");
    }
}
