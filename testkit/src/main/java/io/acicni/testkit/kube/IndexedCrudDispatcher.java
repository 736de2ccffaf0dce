package io.acicni.testkit.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudPersistence;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonDiff;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * fabric8's {@link KubernetesCrudDispatcher} (kubernetes-server-mock 7.5.x) with an indexed store, so
 * a request costs the same whatever else is stored.
 *
 * <h2>Why</h2>
 * The CRUD dispatcher keeps every object in one {@code Map<AttributeSet, String>} and answers every
 * request by testing <em>every</em> stored key with {@code AttributeSet.matches(query)}: a get or a
 * delete ({@code handle}), the lookup behind create / update / patch / status ({@code findResource})
 * and a watch's initial listing. With 10,000 pods plus nodes, services, slices, leases and events, one
 * request cost milliseconds under the dispatcher's single lock, and the pipeline benchmark was capped
 * at tens of API calls per second (53 % of the bench JVM's CPU in {@code AttributeSet.matches}).
 *
 * <h2>How (and why this way)</h2>
 * Everything fabric8 does per request stays fabric8's: path parsing, selectors, the POST/PUT/PATCH
 * handlers (JSON patch, merge patch, 415 for strategic merge), status subresource, resourceVersion and
 * 409s, finalizers and deletionTimestamp, watch events, the list composer. Only the store changes: the
 * constructor replaces the inherited {@code CrudDispatcher.map} (a {@code protected final}
 * synchronized {@code LinkedHashMap}, still empty at that point) with an {@link IndexedStore}, and
 * the three places that scan it run with a <em>scope</em> (the request's query) set on the thread,
 * so the store's {@code entrySet()} returns only the candidates for that query (by plural + name,
 * plural + namespace, or plural). fabric8's filter then runs on the candidates, so the result is
 * the same as long as they are a superset of the matches (argued in {@link IndexedStore}); a scan
 * the overrides do not cover still sees every entry, only slower ({@link IndexedStore#fullScans()}).
 * <ul>
 *   <li>{@link #handleGet} and {@link #handleDelete}: scope {@code fromPath(path)}, the query that
 *   fabric8's private {@code handle} computes from the same path;</li>
 *   <li>{@link #findResource}: scope = the attributes it is given (create, update, patch, status);</li>
 *   <li>{@link #handleWatch}: the initial listing runs later, in the watch listener's {@code onOpen}
 *   on the server's event loop, so the listener is wrapped to set {@code fromPath(path)} as the scope
 *   around {@code onOpen} (fabric8 adds a {@code name} for a {@code metadata.name} field selector;
 *   the scope without it is a superset).</li>
 * </ul>
 * Writing our own dispatcher (a mockwebserver {@code Dispatcher}) would have avoided the reflection
 * but meant re-implementing and keeping in step all of the behaviour above, which the services and
 * their tests rely on in detail; the coupling here is small and checked: if a fabric8 upgrade renames
 * or retypes the field, or stops leaving it empty, the constructor throws, and if it adds a scan
 * outside these methods, {@code IndexedCrudDispatcherTest} (which counts visited entries) fails.
 *
 * <h2>Threads</h2>
 * mockwebserver 7.x serves every request on one Vert.x event loop: {@code MockWebServer} creates
 * one {@code HttpServer} from a non-Vert.x thread, and its handler calls {@code dispatch}
 * synchronously. So requests are not dispatched in parallel, and would not gain much if they were:
 * every write takes the dispatcher's write lock for its whole JSON work and watch fan-out. With the
 * scan gone a request costs its own JSON work only, which is what the event loop now spends.
 */
class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private final IndexedStore store;
    private final WatchFanOut watches;
    /**
     * Ours, around every request (fabric8's own lock is private; every fabric8 path that takes it
     * runs inside this one, so it is never contended): writes exclusive, reads and watch listings
     * shared.
     */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    IndexedCrudDispatcher() {
        this.store = new IndexedStore();
        installStore(this, store);
        this.watches = new WatchFanOut(context.getMapper());
    }

    private static void installStore(CrudDispatcher dispatcher, IndexedStore store) {
        Field field;
        try {
            field = CrudDispatcher.class.getDeclaredField("map");
        } catch (NoSuchFieldException e) {
            throw incompatible("has no field 'map'", e);
        }
        if (Modifier.isStatic(field.getModifiers()) || !Map.class.isAssignableFrom(field.getType())) {
            throw incompatible("field 'map' is " + field + ", expected an instance field of type Map", null);
        }
        try {
            field.setAccessible(true);
            Object current = field.get(dispatcher);
            if (!(current instanceof Map<?, ?> map) || !map.isEmpty()) {
                throw incompatible("field 'map' is not an empty Map after construction: " + current, null);
            }
            field.set(dispatcher, store);
            if (field.get(dispatcher) != store) {
                throw incompatible("field 'map' could not be replaced", null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw incompatible("field 'map' could not be replaced", e);
        }
    }

    private static IllegalStateException incompatible(String what, Throwable cause) {
        return new IllegalStateException("IndexedCrudDispatcher is written against fabric8 mockwebserver 7.5's "
                + "CrudDispatcher, whose " + what + "; review IndexedCrudDispatcher / IndexedStore for this "
                + "fabric8 version (" + CrudDispatcher.class.getPackage().getImplementationVersion() + ")", cause);
    }

    /** The store, for tests (visit counters). */
    IndexedStore store() {
        return store;
    }

    @Override
    public MockResponse handleGet(String path) {
        return underLock(lock.readLock(), () -> store.scoped(attributeExtractor.fromPath(path), () -> super.handleGet(path)));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return underLock(lock.writeLock(), () -> store.scoped(attributeExtractor.fromPath(path), () -> super.handleDelete(path)));
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return underLock(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return underLock(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return underLock(lock.writeLock(), () -> super.handlePatch(request));
    }

    /**
     * fabric8 bumps the resourceVersion when {@code JsonDiff.asJson(current, updated)} is not empty;
     * zjsonpatch's diff is empty exactly when the two trees are equal (it emits an operation for
     * every unequal pair it meets, and its move / copy rewriting only merges operations), so a
     * deep {@code equals} decides the same without building the diff (LCS of arrays, hashing of
     * every unchanged subtree).
     */
    @Override
    public void touchResourceVersion(JsonNode currentResource, JsonNode updatedResource) {
        if (!currentResource.equals(updatedResource)) {
            ((ObjectNode) updatedResource.get(METADATA)).put(RESOURCE_VERSION, String.valueOf(requestResourceVersion()));
        }
    }

    /**
     * fabric8 bumps the generation when the diff has an operation whose path is outside
     * {@code /metadata} and {@code /status}. When every other top-level field is equal, every
     * operation of the diff lies under those two (moves and copies too: their targets are where
     * something was added), so the answer is "no" without the diff; otherwise fabric8's own rule
     * decides, on the diff.
     */
    @Override
    public void touchGeneration(JsonNode currentResource, JsonNode updatedResource) {
        if (onlyMetadataOrStatusDiffer(currentResource, updatedResource)) {
            return;
        }
        JsonNode diff = JsonDiff.asJson(currentResource, updatedResource);
        if (!diff.isEmpty() && KubernetesCrudPersistence.shouldIncreaseGeneration(diff)) {
            ((ObjectNode) updatedResource.get(METADATA)).put(GENERATION,
                    currentResource.path(METADATA).path(GENERATION).asInt(0) + 1);
        }
    }

    private static boolean onlyMetadataOrStatusDiffer(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject()) {
            return false;
        }
        for (JsonNode[] pair : new JsonNode[][]{{a, b}, {b, a}}) {
            for (Iterator<Entry<String, JsonNode>> it = pair[0].fields(); it.hasNext(); ) {
                Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals(METADATA) && !field.getKey().equals("status")
                        && !field.getValue().equals(pair[1].get(field.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        return store.scoped(attributes, () -> super.findResource(attributes));
    }

    /**
     * fabric8's merge (Jackson's updating reader over a copy of the stored object, as
     * {@code KubernetesCrudPersistence.merge} does; a default method cannot be called from here)
     * plus the {@link UidPrecondition uid precondition} of a JSON merge patch, which fabric8 ignores.
     */
    @Override
    public JsonNode merge(JsonNode baseResource, String updatedResource) throws KubernetesCrudDispatcherException {
        JsonNode merged;
        try {
            merged = Serialization.jsonMapper().readerForUpdating(baseResource.deepCopy()).readValue(updatedResource);
        } catch (JsonProcessingException e) {
            throw new KubernetesCrudDispatcherException(e.getMessage(), KubernetesCrudDispatcherHandler.HTTP_UNPROCESSABLE_ENTITY);
        }
        UidPrecondition.check(baseResource, merged);
        return merged;
    }

    /**
     * fabric8's watch (the query of the path, plus {@code name} for a {@code metadata.name} field
     * selector), served by {@link WatchFanOut}: its initial listing runs within the scope of its
     * query, under the read lock.
     */
    @Override
    public MockResponse handleWatch(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = WatchPaths.nameFromFieldSelector(path);
        if (name != null) {
            query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name));
        }
        AttributeSet q = query;
        return new MockResponse().withWebSocketUpgrade(watches.open(q, send -> underLock(lock.readLock(), () ->
                store.scoped(q, () -> {
                    for (Entry<AttributeSet, String> e : map.entrySet()) {
                        if (e.getKey().matches(q)) {
                            send.accept(watches.message(e.getValue(), Action.ADDED));
                        }
                    }
                    return null;
                }))));
    }

    /**
     * fabric8's change (the store updated, CRDs registered) with its watch fan-out done by
     * {@link WatchFanOut}: fabric8's own list of watches stays empty, as {@link #handleWatch} never
     * registers one there. Runs under the write lock (called from the create / update / patch /
     * delete handlers).
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String existing = oldAttributes == null ? null : map.get(oldAttributes);
        long puts = store.puts();
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        AttributeSet newAttributes = null;
        if (newState != null) {
            if (store.puts() != puts + 1) {
                throw incompatible("processEvent did not store the new state exactly once", null);
            }
            newAttributes = store.lastPut();
        }
        if (!Objects.equals(existing, newState)) {
            watches.changed(oldAttributes, newAttributes, existing, newState);
        }
    }

    /** Open watches (for tests). */
    int watchCount() {
        return watches.size();
    }

    private static <T> T underLock(Lock l, Supplier<T> task) {
        l.lock();
        try {
            return task.get();
        } finally {
            l.unlock();
        }
    }
}
