package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.DesiredFiles;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.FileSettings;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.state.AddressingState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings one node's endpoint and service directories to exactly what its inputs ask for. One pass
 * at a time per node; any number of nodes side by side.
 */
public final class NodeFileSync {
    private final NodeDirs dirs;
    private final AddressingState state;
    private final FileSettings settings;
    private final boolean synthesizeSandboxes;
    private final DirectoryReconciler reconciler;
    private final SyncListener listener;
    private final Clock clock;
    private Set<Refusal> reportedRefusals = new HashSet<>();
    private volatile SyncReport last;

    public NodeFileSync(NodeDirs dirs, AddressingState state, FileSettings settings, boolean synthesizeSandboxes,
                        DirectoryReconciler reconciler, SyncListener listener, Clock clock) {
        this.dirs = dirs;
        this.state = state;
        this.settings = settings;
        this.synthesizeSandboxes = synthesizeSandboxes;
        this.reconciler = reconciler;
        this.listener = listener;
        this.clock = clock;
    }

    public NodeDirs dirs() {
        return dirs;
    }

    /** The last pass, or null before the first. */
    public SyncReport lastReport() {
        return last;
    }

    public synchronized SyncReport sync() {
        String node = dirs.node();
        Set<String> problems = new LinkedHashSet<>();
        DesiredFiles desired = DesiredFiles.compute(state.snapshot(node, synthesizeSandboxes), settings, problems::add);

        Set<Refusal> refusals = new HashSet<>(desired.refusals());
        for (Refusal refusal : desired.refusals()) {
            problems.add(refusal.subject() + ": " + refusal.message());
            if (!reportedRefusals.contains(refusal)) {
                listener.refused(node, refusal);
            }
        }
        reportedRefusals = refusals;

        List<String> errors = new ArrayList<>();
        DirectoryReconciler.Pass eps = reconciler.reconcile(FileKind.ENDPOINT, dirs.endpointDir(), desired.endpoints(),
                (name, e) -> listener.failed(node, FileKind.ENDPOINT, name, e));
        DirectoryReconciler.Pass svcs = reconciler.reconcile(FileKind.SERVICE, dirs.serviceDir(), desired.services(),
                (name, e) -> listener.failed(node, FileKind.SERVICE, name, e));
        for (DirectoryReconciler.Pass pass : List.of(eps, svcs)) {
            errors.addAll(pass.errors());
            for (FileChange change : pass.changes()) {
                listener.changed(node, change);
            }
        }
        listener.unchanged(node, FileKind.ENDPOINT, eps.unchanged());
        listener.unchanged(node, FileKind.SERVICE, svcs.unchanged());
        listener.counted(node, FileKind.ENDPOINT, eps.files());
        listener.counted(node, FileKind.SERVICE, svcs.files());
        SyncReport report = new SyncReport(node, clock.instant(), eps.files(), svcs.files(),
                eps.changes().size() + svcs.changes().size(), eps.unchanged() + svcs.unchanged(),
                List.copyOf(problems), List.copyOf(errors));
        last = report;
        return report;
    }
}
