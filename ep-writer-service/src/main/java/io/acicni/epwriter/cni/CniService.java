package io.acicni.epwriter.cni;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acicni.epwriter.files.DesiredFiles;
import io.acicni.epwriter.files.FileNames;
import io.acicni.epwriter.files.FileSettings;
import io.acicni.epwriter.files.NodeInputs;
import io.acicni.epwriter.files.Refusal;
import io.acicni.epwriter.files.Sandbox;
import io.acicni.epwriter.files.UnsafeNameException;
import io.acicni.epwriter.state.AddressingState;
import io.acicni.epwriter.state.PassScope;
import io.acicni.epwriter.sync.NodeDirs;
import io.acicni.epwriter.sync.SyncListener;
import io.acicni.epwriter.sync.SyncScheduler;
import io.acicni.events.model.PodAddressing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CNI commands for the served nodes. ADD registers the sandbox (kept across restarts), waits a
 * bounded time for the pod's addresses, has the {@code .ep} file written and answers a CNI 1.0 result;
 * a sandbox registered before its addresses arrive keeps its registration, and its file is written as
 * soon as they do. DEL is idempotent. CHECK verifies the sandbox, the addresses and the file on disk.
 */
public final class CniService {
    public static final String CNI_VERSION = "1.0.0";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AddressingState state;
    private final SyncScheduler scheduler;
    private final Map<String, NodeDirs> dirs;
    private final Map<String, SandboxStore> stores;
    private final FileSettings settings;
    private final Duration addTimeout;
    private final SyncListener listener;

    public CniService(AddressingState state, SyncScheduler scheduler, Map<String, NodeDirs> dirs, Map<String, SandboxStore> stores,
                      FileSettings settings, Duration addTimeout, SyncListener listener) {
        this.state = state;
        this.scheduler = scheduler;
        this.dirs = Map.copyOf(dirs);
        this.stores = Map.copyOf(stores);
        this.settings = settings;
        this.addTimeout = addTimeout;
        this.listener = listener;
    }

    /** Runs a command; returns the CNI result (JSON) for ADD, null for DEL and CHECK; throws {@link CniException}. */
    public byte[] handle(String node, CniRequest request) {
        if (!state.serves(node)) {
            throw new CniException(CniException.INVALID_CONFIG, 404, "node '" + node + "' is not served here", "serving " + state.nodes());
        }
        if (request == null || request.command() == null) {
            throw new CniException(CniException.DECODING_FAILURE, 400, "field 'command' is required (ADD, DEL or CHECK)", null);
        }
        return switch (request.command()) {
            case "ADD" -> add(node, request);
            case "DEL" -> {
                del(node, request);
                yield null;
            }
            case "CHECK" -> {
                check(node, request);
                yield null;
            }
            default -> throw new CniException(CniException.INVALID_ENVIRONMENT, 400,
                    "field 'command' must be ADD, DEL or CHECK, got '" + request.command() + "'", null);
        };
    }

    byte[] add(String node, CniRequest request) {
        long deadline = System.nanoTime() + addTimeout.toNanos();
        Sandbox sandbox = sandboxOf(node, request);
        stores.get(node).save(sandbox);
        // the pass below covers the sandbox (and the pod handed over by awaitAddresses): the worker is not told
        PassScope scope = state.putSandboxUnannounced(node, sandbox);
        PodAddressing pod;
        try {
            pod = awaitAddresses(node, sandbox.podUid(), request, deadline);
            awaitWriting(node, deadline, request);
            scheduler.syncNow(node, scope);
        } catch (RuntimeException e) {
            scheduler.mark(node, scope); // no pass of ours: the worker's (the file follows the addresses)
            throw e;
        }
        if (!scheduler.hasEndpointFile(node, sandbox.fileName())) {
            Path file = dirs.get(node).endpointDir().resolve(sandbox.fileName());
            throw new CniException(CniException.IO_FAILURE, 500, "endpoint file " + file + " was not written", "see the ep-writer log");
        }
        return CniResult.json(pod, sandbox, request.netns());
    }

    void del(String node, CniRequest request) {
        String containerId = containerIdOf(node, request);
        Optional<Sandbox> removed = state.removeSandboxUnannounced(node, containerId);
        // an unknown container has no file this process knows of; the next full pass GCs any leftover
        PassScope scope = removed.map(s -> PassScope.pod(s.podUid())).orElse(PassScope.NOTHING);
        try {
            stores.get(node).delete(containerId);
            if (scheduler.started()) {
                scheduler.syncNow(node, scope);
            }
        } catch (RuntimeException e) {
            scheduler.mark(node, scope);
            throw e;
        }
    }

    void check(String node, CniRequest request) {
        String containerId = containerIdOf(node, request);
        Sandbox sandbox = state.sandbox(node, containerId).orElseThrow(() -> new CniException(CniException.UNKNOWN_CONTAINER, 404,
                "container " + containerId + " is not registered on node " + node, null));
        PodAddressing pod = state.pod(node, sandbox.podUid()).orElseThrow(() -> new CniException(CniException.TRY_AGAIN_LATER, 503,
                "pod " + sandbox.podUid() + " has no addresses on node " + node, null));
        NodeInputs inputs = state.snapshot(node, false, PassScope.pod(pod.uid()));
        byte[] desired = DesiredFiles.endpointFiles(inputs, pod, settings, p -> { }, r -> { }).get(sandbox.fileName());
        Path file = dirs.get(node).endpointDir().resolve(sandbox.fileName());
        try {
            byte[] actual = Files.readAllBytes(file);
            if (!Arrays.equals(actual, desired)) {
                throw new CniException(CniException.IO_FAILURE, 409, "endpoint file " + file + " differs from the addressing of pod "
                        + pod.namespace() + "/" + pod.name(), "it is rewritten on the next sync pass");
            }
        } catch (NoSuchFileException e) {
            throw new CniException(CniException.IO_FAILURE, 409, "endpoint file " + file + " is missing", null);
        } catch (IOException e) {
            throw new CniException(CniException.IO_FAILURE, 500, "cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    private Sandbox sandboxOf(String node, CniRequest request) {
        try {
            String containerId = FileNames.containerId(request.containerId());
            String podUid = request.podUid();
            if (podUid == null || podUid.isEmpty()) {
                podUid = state.podByName(node, request.podNamespace(), request.podName()).map(PodAddressing::uid)
                        .orElseThrow(() -> new CniException(CniException.INVALID_ENVIRONMENT, 400,
                                "field 'podUid' is required when the pod's addresses are not known yet", "K8S_POD_UID"));
            }
            String veth = request.hostVeth() == null || request.hostVeth().isEmpty() ? Sandbox.vethFor(containerId) : request.hostVeth();
            return new Sandbox(podUid, containerId, veth, request.ifName() == null ? "eth0" : request.ifName(), request.netns());
        } catch (UnsafeNameException e) {
            throw refused(node, request, e);
        }
    }

    private String containerIdOf(String node, CniRequest request) {
        try {
            return FileNames.containerId(request.containerId());
        } catch (UnsafeNameException e) {
            throw refused(node, request, e);
        }
    }

    private CniException refused(String node, CniRequest request, UnsafeNameException e) {
        listener.refused(node, new Refusal("cni/" + request.podNamespace() + "/" + request.podName(), e.field(), e.value(), e.getMessage()));
        return new CniException(CniException.INVALID_ENVIRONMENT, 400, e.getMessage(), "refused: the name would be unsafe in a file name");
    }

    private PodAddressing awaitAddresses(String node, String uid, CniRequest request, long deadline) {
        CompletableFuture<PodAddressing> future = state.awaitPod(node, uid);
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (!giveUp(node, uid, future)) {
                return future.join(); // handed over just now: ours to write
            }
            throw new CniException(CniException.TRY_AGAIN_LATER, 503, "no addresses for pod " + request.podNamespace() + "/"
                    + request.podName() + " (" + uid + ") on node " + node + " within " + addTimeout.toSeconds() + "s",
                    "the sandbox stays registered; its endpoint file is written when the addresses arrive");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(node, uid, future);
            throw new CniException(CniException.TRY_AGAIN_LATER, 503, "interrupted while waiting for addresses", null);
        } catch (ExecutionException e) {
            throw new CniException(CniException.IO_FAILURE, 500, "waiting for addresses failed: " + e.getCause(), null);
        }
    }

    /** Stops waiting; false when the pod was handed over first (AddressingState.awaitPod). */
    private boolean giveUp(String node, String uid, CompletableFuture<PodAddressing> future) {
        boolean gaveUp = future.completeExceptionally(new TimeoutException("gave up waiting"));
        state.stopWaiting(node, uid, future);
        return gaveUp;
    }

    private void awaitWriting(String node, long deadline, CniRequest request) {
        while (!scheduler.started()) {
            if (System.nanoTime() > deadline) {
                throw new CniException(CniException.TRY_AGAIN_LATER, 503, "still reading the state topics; no files written yet", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CniException(CniException.TRY_AGAIN_LATER, 503, "interrupted", null);
            }
        }
    }

    /** CNI error result body. */
    public static ObjectNode error(CniException e) {
        ObjectNode error = JSON.objectNode();
        error.put("cniVersion", CNI_VERSION);
        error.put("code", e.code());
        error.put("msg", e.getMessage());
        if (e.details() != null) {
            error.put("details", e.details());
        }
        return error;
    }
}
