package io.acicni.testkit.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Map.Entry;

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

    IndexedCrudDispatcher() {
        this.store = new IndexedStore();
        installStore(this, store);
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
        return store.scoped(attributeExtractor.fromPath(path), () -> super.handleGet(path));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return store.scoped(attributeExtractor.fromPath(path), () -> super.handleDelete(path));
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

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(path);
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new ScopedOpen(listener, attributeExtractor.fromPath(path)));
        }
        return response;
    }

    /** Forwards every callback; runs {@code onOpen} (the watch's initial listing) within the scope. */
    private final class ScopedOpen extends WebSocketListener {
        private final WebSocketListener delegate;
        private final AttributeSet query;

        ScopedOpen(WebSocketListener delegate, AttributeSet query) {
            this.delegate = delegate;
            this.query = query;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            store.scoped(query, () -> {
                delegate.onOpen(webSocket, response);
                return null;
            });
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void onMessage(WebSocket webSocket, io.fabric8.mockwebserver.http.ByteString bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            delegate.onFailure(webSocket, error, response);
        }
    }
}
