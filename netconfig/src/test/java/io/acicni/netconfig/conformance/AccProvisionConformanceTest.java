package io.acicni.netconfig.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.acicni.netconfig.config.AciContainersConfig;
import io.acicni.netconfig.derive.AciContainersConfigFactory;
import io.acicni.netconfig.fabric.ApicRequest;
import io.acicni.netconfig.fabric.FabricConfigFactory;
import io.acicni.netconfig.flavor.Flavor;
import io.acicni.netconfig.flavor.Flavors;
import io.acicni.netconfig.input.InputReader;
import io.acicni.netconfig.validate.InputValidator;
import io.acicni.netconfig.validate.ValidatedInput;
import io.acicni.netconfig.validate.ValidationException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every acc-provision fixture: same subnet content for valid inputs, same ERR lines for invalid ones. */
class AccProvisionConformanceTest {
    private static final Flavor FLAVOR = Flavors.find("kubernetes-1.35").orElseThrow();

    @Test
    void fixturesArePresent() {
        assertThat(Fixtures.inputNames()).contains("dualstack_base", "malformed");
        for (String name : Fixtures.inputNames()) {
            boolean valid = Fixtures.expected(name, ".kube.yaml").isPresent();
            boolean invalid = Fixtures.expected(name, ".stdout.txt").isPresent();
            assertThat(valid ^ invalid).as("%s has exactly one kind of expected output", name).isTrue();
        }
    }

    @TestFactory
    List<DynamicTest> everyFixture() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Fixtures.inputNames()) {
            if (Fixtures.expected(name, ".kube.yaml").isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": ConfigMap subnet keys", () -> configMapMatches(name)));
            }
            if (Fixtures.expected(name, ".kube.yaml").isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": every ConfigMap key", () -> wholeConfigMapMatches(name)));
            }
            if (Fixtures.expected(name, ".apic.txt").isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": fvSubnets and ndPfxPol", () -> apicMatches(name)));
                tests.add(DynamicTest.dynamicTest(name + ": whole bridge domains", () -> bridgeDomainsMatch(name)));
            }
            if (Fixtures.expected(name, ".stdout.txt").isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": ERR lines", () -> errorsMatch(name)));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests;
    }

    private static ValidatedInput validate(String name) throws ValidationException {
        String yaml = Fixtures.read(Fixtures.input(name));
        return InputValidator.validate(InputReader.read(yaml, name + ".inp.yaml"), FLAVOR);
    }

    private static void configMapMatches(String name) throws Exception {
        JsonNode expected = FixtureOutputs.aciContainersConfigData(
                Fixtures.read(Fixtures.expected(name, ".kube.yaml").orElseThrow()));
        AciContainersConfig config = AciContainersConfigFactory.create(validate(name));
        var data = config.toConfigMapData();
        compare(FixtureOutputs.json(expected.path("controller-config").asText()),
                FixtureOutputs.json(data.get("controller-config")), FixtureOutputs.CONTROLLER_SUBNET_KEYS);
        compare(FixtureOutputs.json(expected.path("host-agent-config").asText()),
                FixtureOutputs.json(data.get("host-agent-config")), FixtureOutputs.HOST_AGENT_SUBNET_KEYS);
    }

    /**
     * Beyond the subnet keys: every key equals acc-provision's, except the documented differences
     * (we add opflex-endpoint-dir/opflex-service-dir, and omit the null opflex-mode).
     */
    private static void wholeConfigMapMatches(String name) throws Exception {
        JsonNode expected = FixtureOutputs.aciContainersConfigData(
                Fixtures.read(Fixtures.expected(name, ".kube.yaml").orElseThrow()));
        var data = AciContainersConfigFactory.create(validate(name)).toConfigMapData();
        for (String key : List.of("controller-config", "host-agent-config")) {
            com.fasterxml.jackson.databind.node.ObjectNode ours =
                    (com.fasterxml.jackson.databind.node.ObjectNode) FixtureOutputs.json(data.get(key));
            com.fasterxml.jackson.databind.node.ObjectNode theirs =
                    (com.fasterxml.jackson.databind.node.ObjectNode) FixtureOutputs.json(expected.path(key).asText());
            ours.remove(List.of("opflex-endpoint-dir", "opflex-service-dir"));
            theirs.remove("opflex-mode");
            assertThat(ours).as(key).isEqualTo(theirs);
        }
    }

    private static void bridgeDomainsMatch(String name) throws Exception {
        List<ApicRequest> expected = FixtureOutputs.apicRequests(
                Fixtures.read(Fixtures.expected(name, ".apic.txt").orElseThrow()));
        List<ApicRequest> actual = FabricConfigFactory.create(validate(name));
        assertThat(FixtureOutputs.bridgeDomains(actual)).isEqualTo(FixtureOutputs.bridgeDomains(expected))
                .isNotEmpty();
    }

    private static void compare(JsonNode expected, JsonNode actual, List<String> keys) {
        for (String key : keys) {
            assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
        }
    }

    private static void apicMatches(String name) throws Exception {
        List<ApicRequest> expected = FixtureOutputs.apicRequests(
                Fixtures.read(Fixtures.expected(name, ".apic.txt").orElseThrow()));
        List<ApicRequest> actual = FabricConfigFactory.create(validate(name));
        assertThat(FixtureOutputs.subnets(actual)).containsExactlyElementsOf(FixtureOutputs.subnets(expected));
        assertThat(FixtureOutputs.ndPolicies(actual)).isEqualTo(FixtureOutputs.ndPolicies(expected));
    }

    private static void errorsMatch(String name) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> validate(name));
        assertThat(e).as("%s must be rejected", name).isNotNull();
        assertThat(e.errLines()).containsExactlyElementsOf(Fixtures.expectedErrLines(name));
    }

    @Test
    void validFixturesAreNotRejected() {
        for (String name : Fixtures.inputNames()) {
            if (Fixtures.expected(name, ".kube.yaml").isPresent()) {
                assertThatCode(name);
            }
        }
    }

    private static void assertThatCode(String name) {
        org.assertj.core.api.Assertions.assertThatCode(() -> validate(name)).as(name).doesNotThrowAnyException();
    }

    @Test
    void invalidFixturesAreRejected() {
        for (String name : Fixtures.inputNames()) {
            if (Fixtures.expected(name, ".stdout.txt").isPresent()) {
                assertThatThrownBy(() -> validate(name)).as(name).isInstanceOf(ValidationException.class);
            }
        }
    }
}
