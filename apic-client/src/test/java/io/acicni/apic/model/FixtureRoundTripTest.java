package io.acicni.apic.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** acc-provision's dual-stack fixtures: JSON both ways byte-for-byte in structure and order, and every rn derivable. */
class FixtureRoundTripTest {

    static List<String> files() {
        return ProvisionFixtures.FILES;
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyBodySurvivesAReadWriteRoundTripInOrder(String file) throws Exception {
        int bodies = 0;
        for (ProvisionFixtures.Request r : ProvisionFixtures.read(file)) {
            if (r.json() == null) {
                continue;
            }
            bodies++;
            ApicObject o = ApicJson.readObject(r.json());
            // Jackson keeps field order, so comparing compact text checks order too.
            String expected = ApicJson.mapper().writeValueAsString(ApicJson.readTree(r.json()));
            assertThat(ApicJson.write(o)).as(r.path()).isEqualTo(expected);
            assertThat(ApicJson.readObject(ApicJson.write(o, true))).isEqualTo(o);
        }
        assertThat(bodies).isGreaterThan(10);
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyObjectHasADerivableDnAndDeletedPathsMatchPostedObjects(String file) throws Exception {
        Map<String, String> classByDn = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        for (ProvisionFixtures.Request r : ProvisionFixtures.read(file)) {
            if (r.json() == null) {
                deleted.add(r.dn());
                continue;
            }
            ApicObject o = ApicJson.readObject(r.json());
            o.walk(Dn.parent(o.resolveDn(r.dn())), (dn, obj) -> {
                assertThat(ApicClasses.isKnown(obj.className())).as(obj.className()).isTrue();
                classByDn.put(dn, obj.className());
            });
        }
        assertThat(deleted).isNotEmpty();
        for (String dn : deleted) {
            assertThat(classByDn).as("DELETE target %s was posted earlier", dn).containsKey(dn);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void dualStackSubnetsAndNdPolicyAreWhereTheReferenceSaysTheyAre(String file) throws Exception {
        Map<String, ApicObject> byDn = new LinkedHashMap<>();
        for (ProvisionFixtures.Request r : ProvisionFixtures.read(file)) {
            if (r.json() != null) {
                ApicObject o = ApicJson.readObject(r.json());
                o.walk(Dn.parent(o.resolveDn(r.dn())), byDn::put);
            }
        }
        Set<String> v6 = new TreeSet<>();
        for (Map.Entry<String, ApicObject> e : byDn.entrySet()) {
            ApicObject o = e.getValue();
            if (o.className().equals("fvSubnet") && o.attribute("ip").contains(":")) {
                v6.add(e.getKey());
                assertThat(o.attribute("ctrl")).isEqualTo("nd");
                assertThat(byDn).containsKey(e.getKey() + "/rsNdPfxPol");
                assertThat(byDn.get(e.getKey() + "/rsNdPfxPol").attribute("tnNdPfxPolName")).isEqualTo("kube-nd-ra-policy");
            }
        }
        assertThat(v6).contains("uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]");
        assertThat(byDn).containsKey("uni/tn-kube/ndPfxPol-kube-nd-ra-policy");
        JsonNode pol = ApicJson.readTree(ApicJson.write(byDn.get("uni/tn-kube/ndPfxPol-kube-nd-ra-policy")));
        assertThat(pol.at("/ndPfxPol/attributes/ctrl").asText()).isEqualTo("on-link,router-address");
    }
}
