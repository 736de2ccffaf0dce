package io.acicni.ipam.allocator;

import java.util.List;

/**
 * Outcome of a restore: what was claimed, and what could not be (never reassigned, only reported).
 *
 * @param claimed claimed addresses or ranges, as text
 * @param conflicts what was refused and why
 */
public record RestoreReport(List<String> claimed, List<Conflict> conflicts) {

    public RestoreReport {
        claimed = List.copyOf(claimed);
        conflicts = List.copyOf(conflicts);
    }

    public boolean clean() {
        return conflicts.isEmpty();
    }
}
