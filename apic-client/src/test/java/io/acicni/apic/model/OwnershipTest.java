package io.acicni.apic.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private final Ownership strict = new Ownership("kube", Ownership.Mode.TAG);
    private final Ownership lenient = new Ownership("kube", Ownership.Mode.TAG_OR_ANNOTATION);

    @Test
    void tagVectorsFromTheReference() {
        assertThat(Ownership.tagFor("kube", "key")).isEqualTo("kube-2c70e12b7a0646f92279f427c7b38e73");
        assertThat(Ownership.tagFor("kube", "key1")).isEqualTo("kube-8174099687a26621f4e2cdd7cc03b3da");
    }

    @Test
    void markAnnotatesAndTagsEveryObjectButTags() {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-a/BD-b").attr("name", "b")
                .child(ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24"));
        ApicObject marked = strict.mark(bd, "key");
        List<ApicObject> all = new ArrayList<>();
        marked.walk("", (dn, o) -> all.add(o));
        for (ApicObject o : all) {
            if (Ownership.isTagClass(o.className())) {
                assertThat(o.attribute("annotation")).isNull();
                assertThat(o.attribute("value")).isEqualTo("kube-2c70e12b7a0646f92279f427c7b38e73");
            } else {
                assertThat(o.attribute("annotation")).isEqualTo(Ownership.ANNOTATION);
                assertThat(strict.isOwned(o)).as(o.toString()).isTrue();
            }
        }
        assertThat(all).hasSize(4);
        assertThat(bd.children()).hasSize(1); // original untouched
    }

    @Test
    void foreignTagsAndBareAnnotations() {
        ApicObject foreign = ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24").attr("annotation", Ownership.ANNOTATION)
                .child(ApicObject.of("tagAnnotation").attr("key", Ownership.TAG_KEY)
                        .attr("value", Ownership.tagFor("other", "k")));
        assertThat(strict.isOwned(foreign)).isFalse();
        assertThat(lenient.isOwned(foreign)).isFalse();
        ApicObject annotatedOnly = ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24").attr("annotation", Ownership.ANNOTATION);
        assertThat(strict.isOwned(annotatedOnly)).isFalse();
        assertThat(lenient.isOwned(annotatedOnly)).isTrue();
        ApicObject userMade = ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24");
        assertThat(lenient.isOwned(userMade)).isFalse();
        ApicObject legacy = ApicObject.of("fvSubnet").attr("ip", "10.0.0.1/24")
                .child(ApicObject.of("tagInst").attr("name", Ownership.tagFor("kube", "x")));
        assertThat(strict.isOwned(legacy)).isTrue();
    }
}
