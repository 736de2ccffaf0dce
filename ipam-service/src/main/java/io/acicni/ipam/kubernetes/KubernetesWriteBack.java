package io.acicni.ipam.kubernetes;

import io.acicni.ipam.engine.Changes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Writes a batch's Kubernetes part — node annotations, Service load-balancer statuses, Events — on a
 * thread of its own, so that the allocation loop never waits on the API server.
 *
 * <h2>Concurrency rule</h2>
 * The allocation loop calls {@link #submit} after the batch's records are committed in Kafka (a batch
 * without records has nothing to wait for) and goes on
 * with the next batch; one writer thread performs the writes. Pending writes are keyed by the object
 * they write ({@code node/<name>}, {@code service/<ns>/<name>}; every Event is its own key), and a
 * later submission for the same object <em>replaces</em> a pending one: each write carries the whole
 * desired value of what ipam owns on that object, so only the latest matters, and an older value can
 * never be written after a newer one (the writer takes a key's value at the moment it writes it; a
 * value submitted while a write is in flight stays pending and is written next). A write that fails
 * stays pending and is tried again after a back-off (200 ms doubling to 10 s) unless a newer value
 * replaced it meanwhile; an Event is dropped after {@value #EVENT_ATTEMPTS} failed attempts (counted
 * and logged), as is an Event beyond {@value #MAX_PENDING_EVENTS} pending ones.
 *
 * <p>Why this is safe: nothing on the pod path reads these objects (ep-writer and apic-sync read
 * Kafka), restore takes a node's ranges from its annotation <em>and</em> its Kafka record, every
 * write still happens after the commit that decided it, and each names the uid of the object it was
 * decided for ({@link KubernetesWriter}), so it never lands on an object re-created under the same
 * name. {@link #clear} drops what is pending when a leadership term ends (lease lost, or fenced by
 * another leader's producer): the next leader compares every node and service with what it restored
 * and writes what differs. What restore takes from Kubernetes first (a node's service endpoint, a
 * LoadBalancer's addresses) can be older than Kafka by the writes pending when a leader dies: the
 * window a leader dying between a commit and its write always had, as long as the backlog.
 *
 * <p>Why: in the saturated benchmark (2026-11-27, docs/benchmarks.md) the allocation loop spent as
 * long in node-annotation GETs and PATCHes as in Kafka commits, and pods waited seconds for
 * addresses behind them.
 */
public final class KubernetesWriteBack implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesWriteBack.class);
    static final int EVENT_ATTEMPTS = 3;
    static final int MAX_PENDING_EVENTS = 1000;
    private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(200).toNanos();
    private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(10).toNanos();

    /** The writes themselves, each one attempt: true when done (or moot), false to try again later. */
    public interface Writes {
        boolean annotate(Changes.NodeAnnotations annotations);

        boolean status(Changes.ServiceStatus status);

        boolean event(Changes.ClusterEvent event);
    }

    private static final class Pending {
        final String key;
        final String what;
        final BooleanSupplier write;
        final boolean event;
        long term;
        int failures;
        long notBefore;

        Pending(String key, String what, BooleanSupplier write, boolean event) {
            this.key = key;
            this.what = what;
            this.write = write;
            this.event = event;
        }
    }

    private final Writes writes;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final Thread thread;
    private long eventSeq;
    /** Raised by {@link #clear}: a failed write of an earlier term is not tried again. */
    private long term;
    private int pendingEvents;
    private Pending inFlight;
    private boolean running = true;
    private boolean accepting = true;

    public KubernetesWriteBack(Writes writes) {
        this(writes, System::nanoTime);
    }

    KubernetesWriteBack(Writes writes, LongSupplier nanoClock) {
        this.writes = writes;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::run, "ipam-kubernetes-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the Kubernetes part of a committed batch; returns at once. Ignored between {@link #clear} and {@link #open}. */
    public void submit(Changes changes) {
        synchronized (lock) {
            if (!accepting) {
                LOG.debugf("Not writing %d Kubernetes changes: the leadership term that decided them has ended",
                        changes.nodeAnnotations().size() + changes.serviceStatuses().size() + changes.events().size());
                return;
            }
            for (Changes.NodeAnnotations a : changes.nodeAnnotations()) {
                put(new Pending("node/" + a.node(), "annotate node " + a.node(), () -> writes.annotate(a), false));
            }
            for (Changes.ServiceStatus s : changes.serviceStatuses()) {
                String name = s.namespace() + "/" + s.name();
                put(new Pending("service/" + name, "update status of service " + name, () -> writes.status(s), false));
            }
            for (Changes.ClusterEvent e : changes.events()) {
                if (pendingEvents >= MAX_PENDING_EVENTS) {
                    long dropped = droppedEvents.incrementAndGet();
                    if (dropped % 100 == 1) { // the first of every hundred: the counter has the rest
                        LOG.warnf("Dropped Kubernetes Event %s on %s %s: %d Events are already waiting for the API server"
                                + " (%d dropped since start, acicni_ipam_kubernetes_events_dropped_total)",
                                e.reason(), e.kind(), e.name(), pendingEvents, dropped);
                    }
                    continue;
                }
                pendingEvents++;
                put(new Pending("event/" + (eventSeq++), "record event " + e.reason() + " on " + e.kind() + " " + e.name(),
                        () -> writes.event(e), true));
            }
            lock.notifyAll();
        }
    }

    private void put(Pending p) {
        p.term = term;
        Pending replaced = pending.put(p.key, p);
        if (replaced != null && replaced.failures > 0) {
            // keep the back-off of a key that keeps failing, but write the newer value
            p.failures = replaced.failures;
            p.notBefore = replaced.notBefore;
        }
    }

    /** A leadership term starts: submissions are taken again (they are from construction on). */
    public void open() {
        synchronized (lock) {
            accepting = true;
        }
    }

    /**
     * The leadership term ended: drops every pending write and ignores submissions until the next
     * {@link #open}, so that a batch the loop is still finishing writes nothing either. A write in
     * flight completes.
     */
    public void clear() {
        synchronized (lock) {
            accepting = false;
            pending.clear();
            pendingEvents = inFlight != null && inFlight.event ? 1 : 0;
            term++;
            lock.notifyAll();
        }
    }

    /** Writes waiting (including back-off), plus the one in flight. */
    public int pending() {
        synchronized (lock) {
            return pending.size() + (inFlight == null ? 0 : 1);
        }
    }

    /** Failed write attempts since start. */
    public long failures() {
        return failures.get();
    }

    /** Events given up (too many pending, or every attempt failed) since start. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Waits up to {@code timeout} until nothing is pending or in flight; true if nothing is left. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        synchronized (lock) {
            while (!pending.isEmpty() || inFlight != null) {
                long left = deadline - nanoClock.getAsLong();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void run() {
        while (true) {
            Pending next;
            synchronized (lock) {
                next = null;
                while (running && (next = takeDue()) == null) {
                    try {
                        long wait = untilNextDue();
                        if (wait < 0) {
                            lock.wait();
                        } else {
                            lock.wait(Math.max(1, wait / 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        if (!running) {
                            return;
                        }
                    }
                }
                if (!running) {
                    return;
                }
                inFlight = next;
            }
            boolean done;
            try {
                done = next.write.getAsBoolean();
            } catch (Throwable e) { // the writer must outlive any one write: nothing else would write again
                LOG.errorf(e, "Could not %s; will retry", next.what);
                done = false;
            }
            synchronized (lock) {
                inFlight = null;
                if (!done) {
                    failures.incrementAndGet();
                    settleFailure(next);
                } else if (next.event) {
                    pendingEvents--;
                }
                lock.notifyAll();
            }
        }
    }

    private void settleFailure(Pending p) {
        p.failures++;
        if (p.event && p.failures >= EVENT_ATTEMPTS && p.term == term) {
            pendingEvents--;
            droppedEvents.incrementAndGet();
            LOG.warnf("Gave up trying to %s after %d attempts", p.what, p.failures);
            return;
        }
        if (p.term != term) {
            if (p.event) {
                pendingEvents--;
            }
            return; // the term ended while it was in flight
        }
        if (pending.containsKey(p.key)) {
            return; // a newer value for the same object came meanwhile; it inherits nothing but is written next
        }
        long backoff = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(20, p.failures - 1));
        p.notBefore = nanoClock.getAsLong() + backoff;
        pending.put(p.key, p);
    }

    /** The first pending write, in submission order, whose back-off is over; removed from the map. */
    private Pending takeDue() {
        long now = nanoClock.getAsLong();
        Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (p.failures == 0 || now - p.notBefore >= 0) {
                it.remove();
                return p;
            }
        }
        return null;
    }

    /** Nanoseconds until the earliest back-off ends; -1 when nothing is pending. */
    private long untilNextDue() {
        long now = nanoClock.getAsLong();
        long best = -1;
        for (Pending p : pending.values()) {
            long wait = Math.max(0, p.notBefore - now);
            if (best < 0 || wait < best) {
                best = wait;
            }
        }
        return best;
    }

    /**
     * Stops the writer after giving pending writes up to {@code grace} to finish; returns how many
     * were still pending then (given up: a next leader's restore writes what differs).
     */
    public int close(Duration grace) {
        try {
            awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = pending();
        close();
        return left;
    }

    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
