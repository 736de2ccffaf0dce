package io.acicni.events.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.acicni.events.model.VersionedEvent;
import io.acicni.events.topic.Topic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON serde of the catalogue's records. Reading is strict: malformed JSON, a missing required
 * field, an invalid value and an unknown schema version all end in an {@link InvalidEventException}
 * naming the field, never in a half-built record that fails later.
 *
 * <p>Unknown properties are ignored so that a newer writer may add optional fields within a schema
 * version; anything incompatible must bump the version.
 */
public final class EventSerde {
    private static final Pattern MISSING_PROPERTY = Pattern.compile("property '([^']+)'");
    private static final EventSerde INSTANCE = new EventSerde();

    private final ObjectMapper mapper;

    private EventSerde() {
        this.mapper = JsonMapper.builder()
                .addModule(IpAddressJson.module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public static EventSerde get() {
        return INSTANCE;
    }

    /** The configured mapper, for callers that need to turn a record into a tree (audit before/after). */
    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] serialize(VersionedEvent event) {
        if (event == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a record of the topic's value type; null bytes (a tombstone) give null. */
    public VersionedEvent deserialize(Topic topic, byte[] bytes) {
        if (topic.valueType() == null) {
            throw new IllegalArgumentException(topic.topicName() + " carries no typed records");
        }
        return deserialize(bytes, topic.valueType(), topic.supportedSchemaVersions());
    }

    /** Reads a record of the given type, accepting the given schema versions; null bytes give null. */
    public <T extends VersionedEvent> T deserialize(byte[] bytes, Class<T> type, Set<Integer> supportedVersions) {
        if (bytes == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", "is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("$", "must be a JSON object, got " + (tree == null ? "nothing" : tree.getNodeType()));
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new InvalidEventException("schemaVersion", "is required");
        }
        if (!version.isInt()) {
            throw new InvalidEventException("schemaVersion", "must be an integer, got " + version);
        }
        if (!supportedVersions.contains(version.intValue())) {
            throw new UnknownSchemaVersionException("schemaVersion", version.intValue(), supportedVersions);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("$", firstLine(e.getOriginalMessage()));
        }
    }

    private static InvalidEventException translate(JsonMappingException e) {
        String path = pathOf(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.under(path);
            }
        }
        String message = firstLine(e.getOriginalMessage());
        Matcher missing = MISSING_PROPERTY.matcher(message);
        if (message.startsWith("Missing required creator property") && missing.find()) {
            String property = missing.group(1);
            boolean pathNamesIt = path.equals(property) || path.endsWith("." + property);
            return new InvalidEventException(null, "is required").under(pathNamesIt ? path : join(path, property));
        }
        return new InvalidEventException(path.isEmpty() ? "$" : path, "is invalid: " + message);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
