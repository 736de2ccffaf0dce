package io.acicni.apic.diff;

import java.util.List;

/**
 * The writes that bring the fabric to the desired state: POSTs sorted by DN (parents first),
 * then DELETEs deepest first; plus the differences left alone because the objects are not ours.
 *
 * @param posts           POST requests
 * @param deletes         DELETE requests
 * @param removedInPosts  objects removed inside one of the POSTs ({@code "status":"deleted"}): no
 *                        request of their own, listed for audit and counting
 * @param skipped         differences left alone because the objects are not ours
 */
public record ChangeSet(List<ApicPost> posts, List<ApicDelete> deletes, List<ApicDelete> removedInPosts,
                        List<SkippedChange> skipped) {

    public ChangeSet {
        posts = List.copyOf(posts);
        deletes = List.copyOf(deletes);
        removedInPosts = List.copyOf(removedInPosts);
        skipped = List.copyOf(skipped);
    }

    public ChangeSet(List<ApicPost> posts, List<ApicDelete> deletes, List<SkippedChange> skipped) {
        this(posts, deletes, List.of(), skipped);
    }

    /** Every object this change set removes: by DELETE and inside POSTs. */
    public List<ApicDelete> removals() {
        List<ApicDelete> all = new java.util.ArrayList<>(deletes);
        all.addAll(removedInPosts);
        return all;
    }

    /**
     * The part of this change set made by its first {@code posts} POSTs and first {@code deletes}
     * DELETEs (in order), with the removals inside those POSTs: what a failed apply did write.
     */
    public ChangeSet firstWrites(int posts, int deletes) {
        List<ApicPost> made = this.posts.subList(0, posts);
        List<ApicDelete> inside = removedInPosts.stream()
                .filter(r -> made.stream().anyMatch(p -> io.acicni.apic.model.Dn.isSelfOrDescendant(r.dn(), p.dn()))).toList();
        return new ChangeSet(made, this.deletes.subList(0, deletes), inside, skipped);
    }

    /** True when nothing needs to be written. */
    public boolean isEmpty() {
        return posts.isEmpty() && deletes.isEmpty();
    }

    /** Number of requests applying this change set takes. */
    public int writeCount() {
        return posts.size() + deletes.size();
    }
}
