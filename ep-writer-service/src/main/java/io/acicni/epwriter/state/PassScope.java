package io.acicni.epwriter.state;

import java.util.HashSet;
import java.util.Set;

/**
 * What a sync pass of one node must look at. {@code full}: every pod and service of the node, against
 * the disk (listing, reading, GC) — the first pass, the periodic resync, a change of the node's own
 * record, or a pass after an error. Otherwise only the named subjects, against what this process last
 * wrote: {@code pods} by pod uid ({@code <uid>_*.ep}), {@code services} by service uid
 * ({@code <uid>.service}, {@code <uid>-external.service}).
 */
public record PassScope(boolean full, Set<String> pods, Set<String> services) {
    public static final PassScope FULL = new PassScope(true, Set.of(), Set.of());
    public static final PassScope NOTHING = new PassScope(false, Set.of(), Set.of());

    public PassScope {
        pods = full ? Set.of() : Set.copyOf(pods);
        services = full ? Set.of() : Set.copyOf(services);
    }

    public static PassScope pod(String uid) {
        return new PassScope(false, Set.of(uid), Set.of());
    }

    public static PassScope of(Set<String> pods, Set<String> services) {
        return new PassScope(false, pods, services);
    }

    public boolean isEmpty() {
        return !full && pods.isEmpty() && services.isEmpty();
    }

    /**
     * Accumulates scopes (the scheduler's pending changes of a node). Not thread-safe: the scheduler
     * touches it only under its own lock.
     */
    public static final class Pending {
        private boolean full;
        private final Set<String> pods = new HashSet<>();
        private final Set<String> services = new HashSet<>();

        public void add(PassScope scope) {
            if (full) {
                return;
            }
            if (scope.full()) {
                full = true;
                pods.clear();
                services.clear();
                return;
            }
            pods.addAll(scope.pods());
            services.addAll(scope.services());
        }

        public PassScope toScope() {
            return full ? FULL : new PassScope(false, pods, services);
        }
    }
}
