package io.acicni.apic.diff;

import java.util.List;

/**
 * The writes that bring the fabric to the desired state: POSTs sorted by DN (parents first),
 * then DELETEs deepest first; plus the differences left alone because the objects are not ours.
 */
public record ChangeSet(List<ApicPost> posts, List<ApicDelete> deletes, List<SkippedChange> skipped) {

    public ChangeSet {
        posts = List.copyOf(posts);
        deletes = List.copyOf(deletes);
        skipped = List.copyOf(skipped);
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
