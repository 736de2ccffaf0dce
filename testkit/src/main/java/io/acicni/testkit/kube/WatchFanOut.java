package io.acicni.testkit.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The API double's open watches and what a change sends them. It replaces fabric8's per-watch
 * {@code WatchEventsListener}, which serialised every event again for every watch that matched it
 * (parse the stored JSON, build a {@code WatchEvent}, write it) and handed each message to a thread
 * of its own per watch. Here a change's message is built once per kind of event it causes
 * ({@code ADDED}, {@code MODIFIED}, {@code DELETED}) and written to every matching watch's socket
 * from the calling thread (a Vert.x socket write only queues the frame), in the order of changes.
 *
 * <p>The messages are fabric8's, byte for byte: the same {@code WatchEvent} of the same
 * {@code GenericKubernetesResource} written by the same mapper; which watches get which event is
 * fabric8's rule (a watch matches a stored key when {@code key.matches(query)}: the old key only →
 * DELETED with the old state, the new only → ADDED, both → MODIFIED). {@code IndexedCrudDispatcherTest}
 * compares the messages with those of fabric8's dispatcher.
 */
final class WatchFanOut {
    private final ObjectMapper mapper;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    WatchFanOut(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A watch for {@code query}; once its socket opens, {@code initialListing} is given a sender of
     * ADDED events for what is stored now.
     */
    WebSocketListener open(AttributeSet query, Consumer<Consumer<String>> initialListing) {
        Watch watch = new Watch(query, initialListing);
        watches.add(watch);
        return watch;
    }

    int size() {
        return watches.size();
    }

    /**
     * A stored object changed: {@code oldKey} / {@code existing} before (null for a create),
     * {@code newKey} / {@code newState} after (null for a delete).
     */
    void changed(AttributeSet oldKey, AttributeSet newKey, String existing, String newState) {
        Map<Action, String> messages = new EnumMap<>(Action.class);
        for (Watch watch : watches) {
            boolean matchesOld = oldKey != null && oldKey.matches(watch.query);
            boolean matchesNew = newKey != null && newKey.matches(watch.query);
            Action action;
            String object;
            if (matchesOld && matchesNew) {
                action = Action.MODIFIED;
                object = newState;
            } else if (matchesOld) {
                action = Action.DELETED;
                object = existing;
            } else if (matchesNew) {
                action = Action.ADDED;
                object = newState;
            } else {
                continue;
            }
            watch.send(messages.computeIfAbsent(action, a -> message(object, a)));
        }
    }

    String message(String object, Action action) {
        try {
            return mapper.writeValueAsString(new WatchEvent(Serialization.unmarshal(object, GenericKubernetesResource.class),
                    action.name()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One watch: its query and, once open, its socket. */
    private final class Watch extends WebSocketListener {
        private final AttributeSet query;
        private final Consumer<Consumer<String>> initialListing;
        private volatile WebSocket socket;

        Watch(AttributeSet query, Consumer<Consumer<String>> initialListing) {
            this.query = query;
            this.initialListing = initialListing;
        }

        void send(String message) {
            WebSocket s = socket;
            if (s != null) { // not open yet: fabric8's watch drops such an event too
                s.send(message);
            }
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            initialListing.accept(webSocket::send);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            WebSocket s = socket;
            if (s != null) {
                s.close(code, reason);
            }
            watches.remove(this);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable error, Response response) {
            webSocket.close(1000, error.getMessage());
            watches.remove(this);
        }
    }
}
