package io.acicni.apic.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One APIC managed object: its class, its attributes in the order given, and its children.
 * Mutable while it is being built (fluent {@link #attr} and {@link #child}); {@link #copy()}
 * gives an independent deep copy.
 */
public final class ApicObject {

    private final String className;
    private final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
    private final List<ApicObject> children = new ArrayList<>();

    private ApicObject(String className) {
        this.className = Objects.requireNonNull(className, "className");
    }

    /** A new object of class {@code className} without attributes or children. */
    public static ApicObject of(String className) {
        return new ApicObject(className);
    }

    /** Sets (or replaces, keeping its position) an attribute; returns this object. */
    public ApicObject attr(String name, String value) {
        attributes.put(Objects.requireNonNull(name), Objects.requireNonNull(value, name));
        return this;
    }

    /** Removes an attribute; returns this object. */
    public ApicObject removeAttr(String name) {
        attributes.remove(name);
        return this;
    }

    /** Adds a child; returns this object. */
    public ApicObject child(ApicObject child) {
        children.add(Objects.requireNonNull(child));
        return this;
    }

    /** Removes every child; returns this object. */
    public ApicObject clearChildren() {
        children.clear();
        return this;
    }

    public String className() {
        return className;
    }

    /** The attributes in insertion order (read-only view). */
    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** The value of an attribute, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** The children in insertion order (read-only view). */
    public List<ApicObject> children() {
        return Collections.unmodifiableList(children);
    }

    /** The metadata of this object's class, if the class is known. */
    public Optional<ApicClassMeta> meta() {
        return ApicClasses.find(className);
    }

    /** The {@code dn} attribute, if present. */
    public Optional<String> dn() {
        return Optional.ofNullable(attributes.get("dn")).filter(s -> !s.isEmpty());
    }

    /**
     * The relative name: the {@code rn} attribute when present, else derived from the class's
     * naming attributes, else the last rn of the {@code dn} attribute.
     *
     * @throws IllegalStateException when none of these is available
     */
    public String rn() {
        return findRn().orElseThrow(() -> new IllegalStateException(
                "cannot derive the rn of a " + className + " object: unknown class or missing naming attribute"));
    }

    /** Like {@link #rn()} but empty instead of throwing. */
    public Optional<String> findRn() {
        String rn = attributes.get("rn");
        if (rn != null && !rn.isEmpty()) {
            return Optional.of(rn);
        }
        Optional<String> derived = meta().flatMap(m -> m.rn(attributes));
        if (derived.isPresent()) {
            return derived;
        }
        return dn().map(Dn::rn);
    }

    /** The DN of this object when it sits under {@code parentDn}: its own {@code dn}, or parentDn/rn. */
    public String dnUnder(String parentDn) {
        return dn().orElseGet(() -> Dn.child(parentDn, rn()));
    }

    /**
     * Resolves the DN of a body POSTed to {@code /api/mo/<urlDn>.json}, as APIC does: the body's own
     * {@code dn} if present; else, if the URL's last rn equals the body's rn, the URL is the object's
     * own DN, otherwise its parent; a body whose rn cannot be derived uses the URL as its DN.
     */
    public String resolveDn(String urlDn) {
        Optional<String> own = dn();
        if (own.isPresent()) {
            return own.get();
        }
        Optional<String> rn = meta().flatMap(m -> m.rn(attributes));
        if (rn.isEmpty()) {
            String rnAttr = attributes.get("rn");
            rn = rnAttr == null || rnAttr.isEmpty() ? Optional.empty() : Optional.of(rnAttr);
        }
        if (rn.isEmpty() || Dn.rn(urlDn).equals(rn.get())) {
            return urlDn;
        }
        return Dn.child(urlDn, rn.get());
    }

    /** A deep copy. */
    public ApicObject copy() {
        ApicObject c = new ApicObject(className);
        c.attributes.putAll(attributes);
        for (ApicObject child : children) {
            c.children.add(child.copy());
        }
        return c;
    }

    /** A copy with the same class and attributes but no children. */
    public ApicObject copyWithoutChildren() {
        ApicObject c = new ApicObject(className);
        c.attributes.putAll(attributes);
        return c;
    }

    /**
     * Visits this object and every descendant with its DN; this object's DN is
     * {@link #dnUnder(String) dnUnder(parentDn)}.
     */
    public void walk(String parentDn, BiConsumer<String, ApicObject> visitor) {
        String dn = dnUnder(parentDn);
        visitor.accept(dn, this);
        for (ApicObject child : children) {
            child.walk(dn, visitor);
        }
    }

    /** The first child whose rn is {@code rn}, if any. */
    public Optional<ApicObject> findChild(String rn) {
        for (ApicObject child : children) {
            if (child.findRn().map(rn::equals).orElse(false)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ApicObject)) {
            return false;
        }
        ApicObject other = (ApicObject) o;
        return className.equals(other.className) && attributes.equals(other.attributes)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(className, attributes, children);
    }

    /** Class and DN or rn only: attribute values may be secrets (passwords) and are never printed. */
    @Override
    public String toString() {
        String name = dn().orElseGet(() -> findRn().orElse("?"));
        return className + "[" + name + (children.isEmpty() ? "" : ", " + children.size() + " children") + "]";
    }
}
