package io.acicni.testkit.apic;

import static org.assertj.core.api.Assertions.assertThat;

import io.acicni.apic.client.ApicClient;
import io.acicni.apic.client.ApicClientConfig;
import io.acicni.apic.client.ApicQuery;
import io.acicni.apic.client.PasswordCredentials;
import io.acicni.apic.client.TlsSettings;
import io.acicni.apic.diff.ApicDiff;
import io.acicni.apic.diff.ChangeSet;
import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Ownership;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read owned state, diff, write: converges, then stays quiet, and leaves other people's objects alone. */
class DiffAgainstEmulatorTest {

    static ApicEmulator apic;
    static ApicClient client;
    final Ownership ownership = new Ownership("kube", Ownership.Mode.TAG);
    final ApicDiff diff = new ApicDiff(ownership);

    @BeforeAll
    static void start() {
        apic = ApicEmulator.builder().user("admin", "pw-for-diff").build().start();
        apic.put(ApicObject.of("fvTenant").attr("dn", "uni/tn-kube").attr("name", "kube"));
        client = new ApicClient(ApicClientConfig.builder().host(apic.url())
                .tls(TlsSettings.caBundlePem(apic.certificatePem()))
                .credentials(new PasswordCredentials("admin", "pw-for-diff".toCharArray())).rateLimit(1000, 1000).build());
        // the first exchange of a JVM pays for TLS and JIT warm-up; keep that out of the tests' timings
        client.firmwareVersion();
    }

    @BeforeEach
    void emptyTenant() {
        for (String dn : List.of("uni/tn-kube/BD-kube-pod-bd", "uni/tn-kube/ndPfxPol-kube-nd-ra-policy",
                "uni/tn-kube/BD-bench", "uni/tn-kube/BD-orphan", "uni/tn-kube/BD-theirs")) {
            apic.remove(dn);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        apic.stop();
    }

    private List<ApicObject> desired(int extraSubnets) {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-kube-pod-bd").attr("name", "kube-pod-bd")
                .child(ApicObject.of("fvRsCtx").attr("tnFvCtxName", "kube"))
                .child(ApicObject.of("fvSubnet").attr("ip", "10.2.0.1/16"))
                .child(ApicObject.of("fvSubnet").attr("ip", "1:2:1:1::1/64").attr("ctrl", "nd")
                        .child(ApicObject.of("fvRsNdPfxPol").attr("tnNdPfxPolName", "kube-nd-ra-policy")));
        for (int i = 0; i < extraSubnets; i++) {
            bd.child(ApicObject.of("fvSubnet").attr("ip", "10.100." + i + ".1/24"));
        }
        ApicObject pol = ApicObject.of("ndPfxPol").attr("dn", "uni/tn-kube/ndPfxPol-kube-nd-ra-policy")
                .attr("name", "kube-nd-ra-policy").attr("ctrl", "on-link,router-address")
                .attr("lifetime", "2592000").attr("prefLifetime", "604800");
        return List.of(ownership.mark(pol, "static"), ownership.mark(bd, "static"));
    }

    private List<ApicObject> existing(List<ApicObject> desired) {
        List<ApicObject> out = new ArrayList<>();
        for (ApicObject d : desired) {
            client.getMo(d.dn().orElseThrow(), ApicQuery.create().rspSubtree("full")).forEach(out::add);
        }
        return out;
    }

    private int sync(List<ApicObject> desired) {
        int before = apic.writeCount();
        ChangeSet cs = diff.diff(desired, existing(desired));
        client.apply(cs);
        return apic.writeCount() - before;
    }

    @Test
    void convergesThenZeroWritesAndOnePostPerChangedParentAndUnownedSurvives() {
        assertThat(sync(desired(0))).isEqualTo(2);
        ApicObject bd = apic.object("uni/tn-kube/BD-kube-pod-bd").orElseThrow();
        assertThat(bd.children()).extracting(c -> c.attribute("ip")).contains("10.2.0.1/16", "1:2:1:1::1/64");
        assertThat(apic.exists("uni/tn-kube/ndPfxPol-kube-nd-ra-policy")).isTrue();

        assertThat(sync(desired(0))).isZero();

        // somebody else's subnet on our BD
        apic.put(ApicObject.of("fvSubnet").attr("dn", "uni/tn-kube/BD-kube-pod-bd/subnet-[192.168.7.1/24]")
                .attr("ip", "192.168.7.1/24"));
        assertThat(sync(desired(0))).isZero();
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[192.168.7.1/24]")).isTrue();

        // 50 new subnets under one BD: one POST
        assertThat(sync(desired(50))).isEqualTo(1);
        assertThat(sync(desired(50))).isZero();
        // back to none: our 50 subnets go in one POST (status deleted), the foreign one stays
        assertThat(sync(desired(0))).isEqualTo(1);
        assertThat(apic.object("uni/tn-kube/BD-kube-pod-bd").orElseThrow().children())
                .extracting(c -> c.attribute("ip")).doesNotContain("10.100.0.1/24", "10.100.49.1/24");
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[192.168.7.1/24]")).isTrue();
        assertThat(apic.exists("uni/tn-kube/BD-kube-pod-bd/subnet-[10.2.0.1/16]")).isTrue();
        assertThat(sync(desired(0))).isZero();
    }

    @Test
    void aThousandNewSubnetsUnderOneBdTakeOnePost() {
        List<ApicObject> desired = new ArrayList<>(desired(0));
        ApicObject bd = ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-bench").attr("name", "bench");
        for (int i = 0; i < 1000; i++) {
            bd.child(ApicObject.of("fvSubnet").attr("ip", (i % 2 == 0 ? "10." + (i / 250) + "." + (i % 250) + ".1/24"
                    : "fd00:" + Integer.toHexString(i) + "::1/64")));
        }
        ApicObject empty = ownership.mark(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-bench").attr("name", "bench"), "bench");
        assertThat(sync(List.of(empty))).isEqualTo(1);
        List<ApicObject> full = List.of(ownership.mark(bd, "bench"));
        assertThat(sync(full)).isEqualTo(1);
        assertThat(apic.object("uni/tn-kube/BD-bench").orElseThrow().children()).hasSize(1001);
        assertThat(sync(full)).isZero();
        // and a thousand removals take one POST too
        assertThat(sync(List.of(empty))).isEqualTo(1);
        assertThat(apic.object("uni/tn-kube/BD-bench").orElseThrow().children()).hasSize(1); // its tag
        assertThat(sync(List.of(empty))).isZero();
        assertThat(desired).isNotEmpty();
    }

    @Test
    void ownedObjectsAreFoundByTagAndReadWithTheirTags() {
        List<ApicObject> desired = desired(0);
        sync(desired);
        apic.put(ownership.mark(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-orphan").attr("name", "orphan"), "gone"));
        apic.put(new Ownership("other", Ownership.Mode.TAG).mark(
                ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-theirs").attr("name", "theirs"), "x"));
        List<String> tagged = client.findTaggedDns(ownership);
        assertThat(tagged).contains("uni/tn-kube/BD-kube-pod-bd", "uni/tn-kube/BD-orphan",
                "uni/tn-kube/BD-kube-pod-bd/subnet-[1:2:1:1::1/64]", "uni/tn-kube/ndPfxPol-kube-nd-ra-policy")
                .doesNotContain("uni/tn-kube/BD-theirs");
        List<ApicObject> read = client.readSubtrees(List.of("uni/tn-kube/BD-kube-pod-bd", "uni/tn-kube/BD-orphan",
                "uni/tn-kube/BD-missing"), List.of("fvSubnet", "fvRsCtx", "fvRsNdPfxPol"));
        assertThat(read).extracting(o -> o.attribute("dn")).containsExactly("uni/tn-kube/BD-kube-pod-bd", "uni/tn-kube/BD-orphan");
        assertThat(read).allSatisfy(o -> assertThat(ownership.isOwned(o)).isTrue());
        // the orphan is ours and not desired: the diff deletes it, nothing else
        ChangeSet cs = diff.diff(List.of(desired.get(1)), read);
        assertThat(cs.posts()).isEmpty();
        assertThat(cs.deletes()).extracting(d -> d.dn()).containsExactly("uni/tn-kube/BD-orphan");
        client.apply(cs);
        assertThat(apic.exists("uni/tn-kube/BD-orphan")).isFalse();
        assertThat(apic.exists("uni/tn-kube/BD-theirs")).isTrue();
    }
}
