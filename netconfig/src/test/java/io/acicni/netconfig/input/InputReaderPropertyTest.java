package io.acicni.netconfig.input;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.acicni.netconfig.TestInputs;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Whatever the YAML, reading and validating either succeeds or fails with {@link ValidationException}. */
class InputReaderPropertyTest {
    private static final List<String> NET_KEYS = List.of("node_subnet", "pod_subnet", "extern_dynamic",
            "extern_static", "node_svc_subnet", "kubeapi_vlan", "service_vlan", "infra_vlan", "interface_mtu",
            "pod_subnet_chunk_size");

    @Provide
    Arbitrary<String> subnetLike() {
        return Arbitraries.oneOf(
                Arbitraries.of("10.2.0.1/24", "1:2:1:1::1/64", "10.2.0.0/31", "1::1/128", "10.2.0.1/33", "::/0",
                        "0.0.0.0/0", "10.0.1/16", "1:2:1:1::1::1/64", "10.2.0.1", "10.2.0.1/", "/24", "", "::",
                        "10.2.0.1/255.255.255.0", "2001:0DB8::1/64", "10.1.0.1/16", "2:2:1:1::1/64"),
                Arbitraries.strings().ofMaxLength(20).withChars("0123456789abcdef.:/ -%"));
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(subnetLike().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().alpha().ofLength(2), scalars)
                .ofMaxSize(2).map(m -> (Object) m);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalars), net.jqwik.api.Tuple.of(4, lists), net.jqwik.api.Tuple.of(1, maps));
    }

    @Provide
    Arbitrary<Map<String, Object>> netConfigs() {
        return Arbitraries.maps(Arbitraries.of(NET_KEYS), values()).ofMaxSize(NET_KEYS.size())
                .map(LinkedHashMap::new);
    }

    @Property(tries = 400)
    void randomNetConfigNeverThrowsAnythingElse(@ForAll("netConfigs") Map<String, Object> net) {
        checkOnlyValidationErrors(TestInputs.yaml(net));
    }

    @Property(tries = 300)
    void randomTextNeverThrowsAnythingElse(@ForAll String text) {
        checkOnlyValidationErrors(text);
    }

    @Property(tries = 200)
    void randomYamlDocumentsNeverThrowAnythingElse(@ForAll("values") Object root) throws Exception {
        checkOnlyValidationErrors(new YAMLMapper().writeValueAsString(root));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("net_config", root);
        doc.put("aci_config", root);
        checkOnlyValidationErrors(new YAMLMapper().writeValueAsString(doc));
    }

    private static void checkOnlyValidationErrors(String yaml) {
        try {
            InputValidator.validate(InputReader.read(yaml, "random.yaml"), TestInputs.k8s());
        } catch (ValidationException e) {
            assertThat(e.messages()).isNotEmpty().allSatisfy(m -> assertThat(m).isNotBlank());
        } catch (Throwable t) {
            fail("unexpected " + t + " for:\n" + yaml, t);
        }
    }
}
