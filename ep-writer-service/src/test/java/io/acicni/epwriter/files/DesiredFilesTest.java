package io.acicni.epwriter.files;

import io.acicni.events.model.NodeAddressing;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.acicni.epwriter.files.Fixtures.SETTINGS;
import static io.acicni.epwriter.files.Fixtures.endpoint;
import static io.acicni.epwriter.files.Fixtures.ips;
import static io.acicni.epwriter.files.Fixtures.pod;
import static io.acicni.epwriter.files.Fixtures.service;
import static io.acicni.epwriter.files.Fixtures.v4;
import static io.acicni.epwriter.files.Fixtures.v6;
import static org.assertj.core.api.Assertions.assertThat;

class DesiredFilesTest {

    @Test
    void registeredSandboxesWinAndOthersAreSynthesisedOnlyWhenAllowed() {
        PodAddressing a = pod("uid-a", "worker-1", "a", v4("10.2.0.5"), v6("2001:fb8:42::5"));
        PodAddressing b = pod("uid-b", "worker-1", "b", v4("10.2.0.6"), v6("2001:fb8:42::6"));
        Sandbox registered = new Sandbox("uid-a", "c0ffee", "veth1", "eth0", "/ns");
        ServiceAddressing svc = service("s1", "web", "ClusterIP", ips("10.6.0.10", "2001:1db8:42::a"), List.of(),
                List.of(endpoint("10.2.0.5", "worker-1", "uid-a")));
        NodeInputs inputs = new NodeInputs("worker-1", new NodeAddressing("worker-1", NodeAddressing.PodNetworkRanges.empty(), null, List.of()),
                List.of(a, b), List.of(svc), Map.of("uid-a", List.of(registered)), false);

        DesiredFiles strict = DesiredFiles.compute(inputs, SETTINGS, p -> { });
        assertThat(strict.endpoints()).containsOnlyKeys("uid-a_c0ffee_veth1.ep");
        assertThat(new String(strict.endpoints().get("uid-a_c0ffee_veth1.ep"))).contains("\"service-ip\": [\n    \"10.6.0.10\",\n    \"2001:1db8:42::a\"\n  ]");
        assertThat(strict.services()).containsOnlyKeys("s1.service");

        NodeInputs simulated = new NodeInputs(inputs.node(), inputs.nodeAddressing(), inputs.pods(), inputs.services(), inputs.sandboxes(), true);
        DesiredFiles loose = DesiredFiles.compute(simulated, SETTINGS, p -> { });
        assertThat(loose.endpoints()).hasSize(2).containsKey("uid-a_c0ffee_veth1.ep")
                .containsKey(Sandbox.synthesizedFor("uid-b").fileName());
    }

    @Test
    void unsafeUidsAreRefusedAndTheRestIsStillWritten() {
        PodAddressing evil = pod("../../etc", "worker-1", "evil", v4("10.2.0.9"));
        PodAddressing good = pod("uid-g", "worker-1", "good", v4("10.2.0.10"));
        ServiceAddressing evilSvc = service("../x", "evil", "ClusterIP", ips("10.6.0.99"), List.of(),
                List.of(endpoint("10.2.0.10", "worker-1", "uid-g")));
        NodeInputs inputs = new NodeInputs("worker-1", null, List.of(evil, good), List.of(evilSvc), Map.of(), true);
        DesiredFiles files = DesiredFiles.compute(inputs, SETTINGS, p -> { });
        assertThat(files.endpoints()).containsOnlyKeys(Sandbox.synthesizedFor("uid-g").fileName());
        assertThat(files.services()).isEmpty();
        assertThat(files.refusals()).extracting(Refusal::subject, Refusal::field)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pod/default/evil", "podUid"),
                        org.assertj.core.groups.Tuple.tuple("service/default/evil", "service.uid"));
    }
}
