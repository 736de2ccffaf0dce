package io.acicni.apic.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.acicni.apic.model.ApicObject;
import io.acicni.apic.model.Dn;
import io.acicni.apic.model.Ownership;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApicDiffTest {

    private static final String BD = "uni/tn-kube/BD-kube-pod-bd";
    private final Ownership ownership = new Ownership("kube", Ownership.Mode.TAG);
    private final ApicDiff diff = new ApicDiff(ownership);

    private ApicObject desiredBd(String... subnets) {
        ApicObject bd = ApicObject.of("fvBD").attr("dn", BD).attr("name", "kube-pod-bd")
                .child(ApicObject.of("fvRsCtx").attr("tnFvCtxName", "kube"));
        for (String ip : subnets) {
            ApicObject s = ApicObject.of("fvSubnet").attr("ip", ip);
            if (ip.contains(":")) {
                s.attr("ctrl", "nd").child(ApicObject.of("fvRsNdPfxPol").attr("tnNdPfxPolName", "kube-nd-ra-policy"));
            }
            bd.child(s);
        }
        return ownership.mark(bd, "static");
    }

    /** What APIC would answer for a stored tree: rn on children, defaults filled in, extra attributes. */
    private static ApicObject asApicReturnsIt(ApicObject desired, boolean top) {
        ApicObject o = ApicObject.of(desired.className());
        if (top) {
            o.attr("dn", desired.dn().orElseThrow());
        } else {
            o.attr("rn", desired.rn());
        }
        desired.attributes().forEach((k, v) -> {
            if (!k.equals("dn")) {
                o.attr(k, v);
            }
        });
        o.attr("modTs", "2026-01-01T00:00:00.000+00:00").attr("uid", "15374");
        if (o.className().equals("fvSubnet")) {
            o.attr("scope", "private").attr("preferred", "no").attr("virtual", "no");
            if (o.attribute("ctrl") == null) {
                o.attr("ctrl", "nd");
            }
        }
        for (ApicObject c : desired.children()) {
            o.child(asApicReturnsIt(c, false));
        }
        return o;
    }

    @Test
    void fromEmptyOnePostWithTheWholeSubtree() {
        ChangeSet cs = diff.diff(List.of(desiredBd("10.2.0.1/24", "1:2:1:1::1/64")), List.of());
        assertThat(cs.deletes()).isEmpty();
        assertThat(cs.posts()).hasSize(1);
        ApicPost p = cs.posts().get(0);
        assertThat(p.dn()).isEqualTo(BD);
        assertThat(p.body().attributes().keySet()).startsWith("dn");
        assertThat(p.body().children()).extracting(ApicObject::className)
                .containsExactly("fvRsCtx", "fvSubnet", "fvSubnet", "tagAnnotation");
    }

    @Test
    void inSyncMeansZeroWrites() {
        ApicObject desired = desiredBd("10.2.0.1/24", "1:2:1:1::1/64");
        ChangeSet cs = diff.diff(List.of(desired), List.of(asApicReturnsIt(desired, true)));
        assertThat(cs.isEmpty()).as(cs.toString()).isTrue();
        assertThat(cs.writeCount()).isZero();
    }

    @Test
    void manyNewChildrenOfOneParentTakeOnePostAimedAtTheParent() {
        ApicObject existing = asApicReturnsIt(desiredBd("10.2.0.1/24"), true);
        ApicObject desired = desiredBd("10.2.0.1/24", "10.3.0.1/24", "10.4.0.1/24", "1:2:1:1::1/64");
        ChangeSet cs = diff.diff(List.of(desired), List.of(existing));
        assertThat(cs.posts()).hasSize(1);
        ApicPost p = cs.posts().get(0);
        assertThat(p.dn()).isEqualTo(BD);
        // the unchanged BD carries only naming attributes; only the new subnets travel
        assertThat(p.body().attributes()).containsOnlyKeys("dn", "name");
        assertThat(p.body().children()).extracting(c -> c.attribute("ip"))
                .containsExactlyInAnyOrder("10.3.0.1/24", "10.4.0.1/24", "1:2:1:1::1/64");
    }

    @Test
    void oneChangedDescendantIsPostedAtItsOwnDn() {
        ApicObject existing = asApicReturnsIt(desiredBd("10.2.0.1/24", "1:2:1:1::1/64"), true);
        ApicObject desired = desiredBd("10.2.0.1/24", "1:2:1:1::1/64");
        desired.children().stream().filter(c -> "10.2.0.1/24".equals(c.attribute("ip"))).findFirst().orElseThrow()
                .attr("scope", "public");
        ChangeSet cs = diff.diff(List.of(desired), List.of(existing));
        assertThat(cs.posts()).singleElement().satisfies(p -> {
            assertThat(p.dn()).isEqualTo(BD + "/subnet-[10.2.0.1/24]");
            assertThat(p.body().attribute("scope")).isEqualTo("public");
            assertThat(p.reason()).contains("scope");
        });
    }

    @Test
    void listAttributesCompareAsSets() {
        ApicObject desired = desiredBd("10.2.0.1/24");
        desired.children().get(1).attr("scope", "public,shared");
        ApicObject existing = asApicReturnsIt(desired, true);
        existing.children().get(1).attr("scope", "shared,public");
        assertThat(diff.diff(List.of(desired), List.of(existing)).isEmpty()).isTrue();
    }

    @Test
    void unownedSubnetUnderOurBdSurvivesAndOurStaleSubnetIsDeleted() {
        ApicObject existing = asApicReturnsIt(desiredBd("10.2.0.1/24", "10.9.0.1/24"), true);
        existing.child(ApicObject.of("fvSubnet").attr("rn", "subnet-[192.168.1.1/24]").attr("ip", "192.168.1.1/24"));
        ChangeSet cs = diff.diff(List.of(desiredBd("10.2.0.1/24")), List.of(existing));
        assertThat(cs.deletes()).isEmpty();
        assertThat(cs.removedInPosts()).extracting(ApicDelete::dn).containsExactly(BD + "/subnet-[10.9.0.1/24]");
        // removed inside one POST to the BD: the stale subnet with status deleted, nothing about the unowned one
        assertThat(cs.posts()).singleElement().satisfies(p -> {
            assertThat(p.dn()).isEqualTo(BD);
            assertThat(p.body().children()).singleElement().satisfies(c -> {
                assertThat(c.className()).isEqualTo("fvSubnet");
                assertThat(c.attribute("dn")).isEqualTo(BD + "/subnet-[10.9.0.1/24]");
                assertThat(c.attribute("status")).isEqualTo("deleted");
            });
            assertThat(p.reason()).contains("fvSubnet subnet-[10.9.0.1/24] deleted");
        });
        assertThat(cs.writeCount()).isEqualTo(1);
    }

    @Test
    void unownedObjectsAreNeitherModifiedNorDeleted() {
        // a BD created by someone else, with a differing attribute
        ApicObject theirs = ApicObject.of("fvBD").attr("dn", BD).attr("name", "kube-pod-bd").attr("arpFlood", "no");
        ApicObject desired = desiredBd("10.2.0.1/24");
        desired.attr("arpFlood", "yes");
        ChangeSet cs = diff.diff(List.of(desired), List.of(theirs));
        assertThat(cs.skipped()).extracting(SkippedChange::dn).contains(BD);
        // our children are still added, but the BD's own attributes are not sent and it is not tagged
        assertThat(cs.posts()).singleElement().satisfies(p -> {
            assertThat(p.body().attribute("arpFlood")).isNull();
            assertThat(p.body().attribute("annotation")).isNull();
            assertThat(p.body().children()).extracting(ApicObject::className).doesNotContain("tagAnnotation")
                    .contains("fvSubnet");
        });
        assertThat(cs.skipped()).extracting(SkippedChange::dn).contains(BD + "/annotationKey-[aci-containers-controller-tag]");
        // not desired and not ours: left alone
        ChangeSet gone = diff.diff(List.of(), List.of(theirs));
        assertThat(gone.isEmpty()).isTrue();
    }

    @Test
    void ownedRootNoLongerDesiredIsDeletedUnlessItHoldsSomethingNotOurs() {
        ApicObject ours = asApicReturnsIt(desiredBd("10.2.0.1/24"), true);
        assertThat(diff.diff(List.of(), List.of(ours)).deletes()).extracting(ApicDelete::dn).containsExactly(BD);

        ours.child(ApicObject.of("fvSubnet").attr("rn", "subnet-[192.168.1.1/24]").attr("ip", "192.168.1.1/24"));
        ChangeSet cs = diff.diff(List.of(), List.of(ours));
        assertThat(cs.deletes()).extracting(ApicDelete::dn).containsExactly(BD + "/subnet-[10.2.0.1/24]");
        assertThat(cs.removedInPosts()).isEmpty();
        assertThat(cs.skipped()).extracting(SkippedChange::dn).containsExactly(BD);
    }

    @Test
    void notDeletableRelationsAreNeverDeleted() {
        ApicObject existing = asApicReturnsIt(desiredBd("10.2.0.1/24"), true);
        ApicObject desired = ownership.mark(ApicObject.of("fvBD").attr("dn", BD).attr("name", "kube-pod-bd")
                .child(ApicObject.of("fvSubnet").attr("ip", "10.2.0.1/24")), "static");
        ChangeSet cs = diff.diff(List.of(desired), List.of(existing));
        assertThat(cs.removals()).extracting(d -> Dn.rn(d.dn())).doesNotContain("rsctx");
    }

    @Test
    void staleChildrenGoInOnePostToTheirParentAndUnrelatedRootsGetTheirOwnPost() {
        ApicObject a = asApicReturnsIt(desiredBd("10.2.0.1/24", "1:2:1:1::1/64"), true);
        ApicObject desired = ownership.mark(ApicObject.of("fvBD").attr("dn", BD).attr("name", "kube-pod-bd")
                .child(ApicObject.of("fvRsCtx").attr("tnFvCtxName", "kube")), "static");
        ApicObject other = ownership.mark(ApicObject.of("fvBD").attr("dn", "uni/tn-kube/BD-other").attr("name", "other"), "k2");
        ApicObject otherExisting = asApicReturnsIt(other, true);
        other.attr("arpFlood", "yes");
        ChangeSet cs = diff.diff(List.of(desired, other), List.of(a, otherExisting));
        assertThat(cs.deletes()).isEmpty();
        assertThat(cs.removedInPosts()).extracting(ApicDelete::dn)
                .containsExactly(BD + "/subnet-[10.2.0.1/24]", BD + "/subnet-[1:2:1:1::1/64]");
        assertThat(cs.posts()).extracting(ApicPost::dn).containsExactly(BD, "uni/tn-kube/BD-other");
        assertThat(cs.writeCount()).isEqualTo(2);
    }

    @Test
    void rootsNoLongerDesiredAreDeletedAndDeepStaleObjectsRideInThePost() {
        ApicObject bd = asApicReturnsIt(desiredBd("1:2:1:1::1/64"), true);
        ApicObject keep = ownership.mark(ApicObject.of("fvBD").attr("dn", BD).attr("name", "kube-pod-bd")
                .child(ApicObject.of("fvRsCtx").attr("tnFvCtxName", "kube"))
                .child(ApicObject.of("fvSubnet").attr("ip", "1:2:1:1::1/64").attr("ctrl", "nd")), "static");
        ApicObject otherRoot = asApicReturnsIt(ownership.mark(
                ApicObject.of("ndPfxPol").attr("dn", "uni/tn-kube/ndPfxPol-old").attr("name", "old"), "static"), true);
        ChangeSet cs = diff.diff(List.of(keep), List.of(bd, otherRoot));
        assertThat(cs.deletes()).extracting(ApicDelete::dn).containsExactly("uni/tn-kube/ndPfxPol-old");
        assertThat(cs.removedInPosts()).extracting(ApicDelete::dn).containsExactly(BD + "/subnet-[1:2:1:1::1/64]/rsNdPfxPol");
        assertThat(cs.posts()).extracting(ApicPost::dn).containsExactly(BD + "/subnet-[1:2:1:1::1/64]");
    }
}
