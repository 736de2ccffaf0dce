package io.acicni.netconfig.fabric;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An APIC managed object to POST: class, attributes in order, children. In JSON it becomes
 * {@code {"<class>": {"attributes": {...}, "children": [...]}}}; {@code children} is written only
 * when set (possibly empty, as acc-provision writes {@code "children": []}).
 */
public final class ApicObject {
    /** The ownership mark acc-provision puts last on every object it creates. */
    public static final String ANNOTATION = "orchestrator:aci-containers-controller";

    private final String className;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private List<ApicObject> children;
    private boolean owned = true;

    private ApicObject(String className) {
        this.className = className;
    }

    public static ApicObject of(String className) {
        return new ApicObject(className);
    }

    public ApicObject attr(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    public ApicObject child(ApicObject child) {
        if (children == null) {
            children = new ArrayList<>();
        }
        children.add(child);
        return this;
    }

    /** Writes {@code "children": []} even when nothing is added. */
    public ApicObject withChildren() {
        if (children == null) {
            children = new ArrayList<>();
        }
        return this;
    }

    /** Not marked as ours (tenant common, a pre-existing tenant). */
    public ApicObject notOwned() {
        owned = false;
        return this;
    }

    public String className() {
        return className;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<ApicObject> children() {
        return children == null ? List.of() : children;
    }

    /** The JSON body, with the ownership annotation as the last attribute of every owned object. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode attrs = f.objectNode();
        attributes.forEach(attrs::put);
        if (owned) {
            attrs.put("annotation", ANNOTATION);
        }
        ObjectNode body = f.objectNode();
        body.set("attributes", attrs);
        if (children != null) {
            ArrayNode array = body.putArray("children");
            children.forEach(c -> array.add(c.toJson()));
        }
        ObjectNode wrapper = f.objectNode();
        wrapper.set(className, body);
        return wrapper;
    }
}
