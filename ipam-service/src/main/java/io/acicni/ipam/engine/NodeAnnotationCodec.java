package io.acicni.ipam.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.acicni.events.model.NodeAddressing.PodNetworkRanges;
import io.acicni.events.model.NodeServiceEndpoint;
import io.acicni.events.serde.EventSerde;
import io.acicni.events.serde.InvalidEventException;

/**
 * The node annotations ipam owns, in Cisco's exact JSON: {@code opflex.cisco.com/pod-network-ranges}
 * = {@code {"V4":[{"start","end"}],"V6":[…]}} and {@code opflex.cisco.com/service-endpoint} =
 * {@code {"mac","ipv4","ipv6"}}.
 */
public final class NodeAnnotationCodec {
    public static final String POD_NETWORK_RANGES = "opflex.cisco.com/pod-network-ranges";
    public static final String SERVICE_ENDPOINT = "opflex.cisco.com/service-endpoint";

    private NodeAnnotationCodec() {
    }

    public static String write(PodNetworkRanges ranges) {
        return json(ranges);
    }

    public static String write(NodeServiceEndpoint endpoint) {
        return json(endpoint);
    }

    /** Reads the ranges annotation; {@code {}} and {@code "V6":null} are accepted as Cisco's readers do. */
    public static PodNetworkRanges readRanges(String json) {
        return read(json, PodNetworkRanges.class, POD_NETWORK_RANGES);
    }

    public static NodeServiceEndpoint readServiceEndpoint(String json) {
        return read(json, NodeServiceEndpoint.class, SERVICE_ENDPOINT);
    }

    private static <T> T read(String json, Class<T> type, String annotation) {
        try {
            T value = EventSerde.get().mapper().readValue(json, type);
            if (value == null) {
                throw new InvalidEventException(annotation, "is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            InvalidEventException cause = findCause(e);
            throw new InvalidEventException(annotation, cause != null ? cause.getMessage() : "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static InvalidEventException findCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidEventException i) {
                return i;
            }
        }
        return null;
    }

    private static String json(Object value) {
        try {
            return EventSerde.get().mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
