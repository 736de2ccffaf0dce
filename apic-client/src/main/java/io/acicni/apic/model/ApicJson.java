package io.acicni.apic.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * APIC JSON in both directions. Objects are written as APIC writes them:
 * {@code {"<class>":{"attributes":{...},"children":[...]}}}, attributes first, children omitted
 * when empty, every value a string. Reading accepts numbers and booleans (stored as strings) and
 * reports {@code children} before {@code attributes} as {@link ApicJsonException#isAttributesNotFirst()}.
 */
public final class ApicJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ApicJson() {
    }

    /** The shared mapper (configured for reading trees). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact JSON of one object. */
    public static String write(ApicObject object) {
        return write(object, false);
    }

    /** JSON of one object, indented when {@code pretty}. */
    public static String write(ApicObject object, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            writeObject(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An answer envelope: {@code {"totalCount":"n","imdata":[...]}} (plus optional extra string fields). */
    public static String writeEnvelope(List<ApicObject> imdata, Map<String, String> extra) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("totalCount", Integer.toString(imdata.size()));
            for (Map.Entry<String, String> e : extra.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeArrayFieldStart("imdata");
            for (ApicObject o : imdata) {
                writeObject(g, o);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An error envelope: {@code {"totalCount":"1","imdata":[{"error":{"attributes":{"code":..,"text":..}}}]}}. */
    public static String writeError(ApicError error) {
        return writeEnvelope(List.of(error.toObject()), Map.of());
    }

    private static void writeObject(JsonGenerator g, ApicObject o) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart(o.className());
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> a : o.attributes().entrySet()) {
            g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        if (!o.children().isEmpty()) {
            g.writeArrayFieldStart("children");
            for (ApicObject c : o.children()) {
                writeObject(g, c);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Parses one object {@code {"<class>":{...}}} from text. */
    public static ApicObject readObject(String json) {
        return readObject(readTree(json));
    }

    /** Parses one object {@code {"<class>":{...}}} from bytes (UTF-8). */
    public static ApicObject readObject(byte[] json) {
        return readObject(readTree(new String(json, StandardCharsets.UTF_8)));
    }

    /** Parses text into a JSON tree. */
    public static JsonNode readTree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ApicJsonException("empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text, which may be anything the peer
            // sent: report only the position.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new ApicJsonException("not JSON (syntax error at line " + (at == null ? "?" : at.getLineNr())
                    + ", column " + (at == null ? "?" : at.getColumnNr()) + ")");
        }
    }

    /** Converts a tree node {@code {"<class>":{"attributes":{...},"children":[...]}}} into an object. */
    public static ApicObject readObject(JsonNode node) {
        if (!(node instanceof ObjectNode) || node.size() != 1) {
            throw new ApicJsonException("an APIC object is a JSON object with exactly one class name key");
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        JsonNode body = entry.getValue();
        if (!(body instanceof ObjectNode)) {
            throw new ApicJsonException("the body of " + entry.getKey() + " is not a JSON object");
        }
        ApicObject object = ApicObject.of(entry.getKey());
        boolean seenAttributes = false;
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "attributes":
                    seenAttributes = true;
                    readAttributes(object, field.getValue());
                    break;
                case "children":
                    if (!seenAttributes) {
                        throw ApicJsonException.attributesNotFirst();
                    }
                    if (!field.getValue().isArray()) {
                        throw new ApicJsonException("children of " + entry.getKey() + " is not an array");
                    }
                    for (JsonNode child : field.getValue()) {
                        object.child(readObject(child));
                    }
                    break;
                default:
                    throw new ApicJsonException("unexpected field '" + field.getKey() + "' in " + entry.getKey());
            }
        }
        return object;
    }

    private static void readAttributes(ApicObject object, JsonNode attributes) {
        if (!attributes.isObject()) {
            throw new ApicJsonException("attributes of " + object.className() + " is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = attributes.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> a = it.next();
            JsonNode v = a.getValue();
            if (v.isValueNode() && !v.isNull()) {
                object.attr(a.getKey(), v.asText());
            } else if (v.isNull()) {
                object.attr(a.getKey(), "");
            } else {
                throw new ApicJsonException("attribute " + a.getKey() + " of " + object.className()
                        + " is not a string");
            }
        }
    }

    /** Parses a list of objects, e.g. the {@code imdata} array. */
    public static List<ApicObject> readObjects(JsonNode array) {
        if (!array.isArray()) {
            throw new ApicJsonException("expected a JSON array");
        }
        List<ApicObject> list = new ArrayList<>();
        for (JsonNode n : array) {
            list.add(readObject(n));
        }
        return list;
    }
}
