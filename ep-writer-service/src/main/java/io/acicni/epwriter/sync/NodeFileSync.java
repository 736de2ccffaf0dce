package io.acicni.epwriter.sync;

import io.acicni.epwriter.files.DesiredFiles;
import io.acicni.epwriter.files.DirectoryReconciler;
import io.acicni.epwriter.files.FileChange;
import io.acicni.epwriter.files.FileKind;
import io.acicni.epwriter.files.FileSettings;
import io.acicni.epwriter.files.NodeInputs;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.files.WrittenFiles;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.state.PassScope;
import io.acicni.events.model.PodAddressing;
import io.acicni.events.model.ServiceAddressing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings one node's endpoint and service directories to exactly what its inputs ask for. A
 * <em>full</em> pass (the first one, the periodic resync, after a change of the node record or an
 * error) computes every file of the node and reconciles both directories with the disk: it repairs
 * files changed or removed behind our back and garbage-collects leftovers. An <em>incremental</em> pass
 * computes only the files of the {@link PassScope}'s pods and services and compares them with what this
 * process last wrote ({@link WrittenFiles}), so its cost does not depend on the node's size.
 *
 * <p>Concurrency: {@link #sync} is synchronized — one pass at a time per node, on the scheduler's worker
 * or on a CNI request thread ({@code SyncScheduler.syncNow}); the caches and the per-subject notes
 * below are touched only inside it. Any number of nodes run side by side.
 */
public final class NodeFileSync {
    private final NodeDirs dirs;
    private final AddressingState state;
    private final FileSettings settings;
    private final boolean synthesizeSandboxes;
    private final DirectoryReconciler reconciler;
    private final SyncListener listener;
    private final Clock clock;
    private final WrittenFiles endpointsWritten = new WrittenFiles();
    private final WrittenFiles servicesWritten = new WrittenFiles();
    /** Subject ({@code pod:<uid>}, {@code service:<uid>}) → its refusals (reported once until they go away) and problems. */
    private final Map<String, Set<Refusal>> refusals = new HashMap<>();
    private final Map<String, List<String>> problems = new TreeMap<>();
    /** Until a full pass has succeeded the caches are not to be trusted: the next pass is full. */
    private boolean needsFull = true;
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

    /** Whether this {@code .ep} file is on disk as far as the passes know (written or found identical, not removed since). */
    public synchronized boolean hasEndpointFile(String name) {
        return endpointsWritten.contains(name);
    }

    /** A full pass. */
    public SyncReport sync() {
        return sync(PassScope.FULL);
    }

    /** A pass over the scope; full when the scope is, or when no full pass has succeeded yet. */
    public synchronized SyncReport sync(PassScope scope) {
        String node = dirs.node();
        boolean full = scope.full() || needsFull;
        NodeInputs inputs = full ? state.snapshot(node, synthesizeSandboxes) : state.snapshot(node, synthesizeSandboxes, scope);

        Map<String, byte[]> endpoints = new TreeMap<>();
        Map<String, byte[]> services = new TreeMap<>();
        Map<String, Set<Refusal>> newRefusals = new HashMap<>();
        Map<String, List<String>> newProblems = new HashMap<>();
        for (PodAddressing pod : inputs.pods()) {
            String subject = "pod:" + pod.uid();
            List<String> found = newProblems.computeIfAbsent(subject, k -> new ArrayList<>());
            endpoints.putAll(DesiredFiles.endpointFiles(inputs, pod, settings, found::add,
                    r -> newRefusals.computeIfAbsent(subject, k -> new LinkedHashSet<>()).add(r)));
        }
        for (ServiceAddressing service : inputs.services()) {
            String subject = "service:" + service.uid();
            services.putAll(DesiredFiles.serviceFiles(inputs, service, settings,
                    r -> newRefusals.computeIfAbsent(subject, k -> new LinkedHashSet<>()).add(r)));
        }
        Set<String> subjects = new HashSet<>();
        scope.pods().forEach(uid -> subjects.add("pod:" + uid));
        scope.services().forEach(uid -> subjects.add("service:" + uid));
        noteRefusalsAndProblems(node, full, subjects, newRefusals, newProblems);

        needsFull = true; // until this pass ends without an error (an exception leaves the caches unknown)
        DirectoryReconciler.Pass eps;
        DirectoryReconciler.Pass svcs;
        if (full) {
            eps = reconciler.reconcile(FileKind.ENDPOINT, dirs.endpointDir(), endpoints, endpointsWritten,
                    (name, e) -> listener.failed(node, FileKind.ENDPOINT, name, e));
            svcs = reconciler.reconcile(FileKind.SERVICE, dirs.serviceDir(), services, servicesWritten,
                    (name, e) -> listener.failed(node, FileKind.SERVICE, name, e));
        } else {
            Set<String> ownedEndpoints = new HashSet<>();
            for (String uid : scope.pods()) {
                ownedEndpoints.addAll(endpointsWritten.namesStartingWith(uid + "_"));
            }
            Set<String> ownedServices = new HashSet<>();
            for (String uid : scope.services()) {
                DesiredFiles.serviceFileNames(uid).stream().filter(servicesWritten::contains).forEach(ownedServices::add);
            }
            eps = reconciler.update(FileKind.ENDPOINT, dirs.endpointDir(), endpoints, ownedEndpoints, endpointsWritten,
                    (name, e) -> listener.failed(node, FileKind.ENDPOINT, name, e));
            svcs = reconciler.update(FileKind.SERVICE, dirs.serviceDir(), services, ownedServices, servicesWritten,
                    (name, e) -> listener.failed(node, FileKind.SERVICE, name, e));
        }
        List<String> errors = new ArrayList<>();
        for (DirectoryReconciler.Pass pass : List.of(eps, svcs)) {
            errors.addAll(pass.errors());
            for (FileChange change : pass.changes()) {
                listener.changed(node, change);
            }
        }
        // a failed write or delete leaves the disk unknown: the next pass (any change, or the resync) is full, as before
        needsFull = !errors.isEmpty();
        listener.unchanged(node, FileKind.ENDPOINT, eps.unchanged());
        listener.unchanged(node, FileKind.SERVICE, svcs.unchanged());
        listener.counted(node, FileKind.ENDPOINT, eps.files());
        listener.counted(node, FileKind.SERVICE, svcs.files());
        List<String> allProblems = new ArrayList<>();
        problems.values().forEach(allProblems::addAll);
        SyncReport report = new SyncReport(node, clock.instant(), full, eps.files(), svcs.files(),
                eps.changes().size() + svcs.changes().size(), eps.unchanged() + svcs.unchanged(),
                List.copyOf(new LinkedHashSet<>(allProblems)), List.copyOf(errors));
        last = report;
        return report;
    }

    /**
     * Keeps, per subject, its annotation problems and refused names (shown in every report, not only in
     * the pass that found them), and reports each refusal once until it goes away. A full pass replaces
     * all subjects, an incremental one those of its scope.
     */
    private void noteRefusalsAndProblems(String node, boolean full, Set<String> scopeSubjects,
                                         Map<String, Set<Refusal>> newRefusals, Map<String, List<String>> newProblems) {
        for (Map.Entry<String, Set<Refusal>> entry : newRefusals.entrySet()) {
            Set<Refusal> before = refusals.getOrDefault(entry.getKey(), Set.of());
            for (Refusal refusal : entry.getValue()) {
                newProblems.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(refusal.subject() + ": " + refusal.message());
                if (!before.contains(refusal)) {
                    listener.refused(node, refusal);
                }
            }
        }
        if (full) {
            refusals.clear();
            problems.clear();
        } else {
            for (String subject : scopeSubjects) {
                refusals.remove(subject);
                problems.remove(subject);
            }
        }
        refusals.putAll(newRefusals);
        newProblems.forEach((subject, list) -> {
            if (!list.isEmpty()) {
                problems.put(subject, List.copyOf(list));
            }
        });
    }
}
